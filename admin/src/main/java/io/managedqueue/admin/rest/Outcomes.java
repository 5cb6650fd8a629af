package io.managedqueue.admin.rest;

import java.util.function.Predicate;

import jakarta.ws.rs.core.Response;

import io.managedqueue.admin.json.ActionResult;
import io.managedqueue.admin.json.ApiError;
import io.managedqueue.api.admin.ManagedQueueAdmin;

/** Turns the boolean of a single-job mutation into 200, 404 (unknown or another tenant's) or 409 (wrong state). */
final class Outcomes {

    private Outcomes() {
    }

    static Response ofJobChange(ManagedQueueAdmin admin, String action, String jobId, Predicate<String> change,
                                String expectedStates) {
        if (change.test(jobId)) {
            return Response.ok(new ActionResult(action, true, 1, jobId)).build();
        }
        // the change was refused: tell "not yours or unknown" from "wrong state" by looking, in the same scope
        return admin.job(jobId)
                .map(job -> ApiError.response(409, "cannot " + action + " job " + jobId + ": it is " + job.state()
                        + ", not " + expectedStates, "state"))
                .orElseGet(() -> notFound(jobId));
    }

    static Response notFound(String jobId) {
        return ApiError.response(404, "no job " + jobId, "jobId");
    }
}
