package io.managedqueue.sample.jobs;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.JobState;

/**
 * The answer to {@code DELETE /api/jobs/{id}}.
 *
 * @param jobId   the job
 * @param success whether it was cancelled (only a WAITING or DELAYED job can be)
 * @param state   its state now, when known
 * @param reason  why not: NOT_FOUND, ACTIVE, COMPLETED, FAILED or ALREADY_CANCELLED
 */
@JsonbPropertyOrder({"jobId", "success", "state", "reason"})
public record CancelView(String jobId, boolean success, JobState state, CancelResult.Reason reason) {

    public static CancelView of(String jobId, CancelResult result) {
        return new CancelView(jobId, result.success(), result.state(), result.reason());
    }
}
