package io.managedqueue.admin.rest;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.managedqueue.admin.AdminRoles;
import io.managedqueue.admin.json.ActionResult;
import io.managedqueue.admin.json.ApiError;
import io.managedqueue.admin.json.BadInput;
import io.managedqueue.admin.json.QueueAction;
import io.managedqueue.admin.json.QueueJson;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.admin.QueueView;

/**
 * Logical queues: list them, show one, and the queue-wide operations (operators only). A queue
 * is named by {@code plugin} and {@code queue} in query parameters or the body, because both
 * names may contain {@code '/'}, which a path segment cannot carry on every server.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource extends AdminResource {

    private static final int DEFAULT_BULK_LIMIT = 1000;

    /**
     * {@code GET queues[?tenant=]}: every logical queue, with the caller's tenant's counts (a tenant
     * user) or every tenant's (operators and viewers; {@code tenant} filters).
     *
     * @param tenant an operator's tenant filter
     * @return the queues
     */
    @GET
    @Path("queues")
    public List<QueueJson> queues(@QueryParam("tenant") String tenant) {
        ManagedQueueAdmin admin = scope.forReading(caller());
        List<QueueView> views = tenant == null || tenant.isBlank() ? admin.queues() : admin.queues(tenant);
        return views.stream().map(QueueJson::of).toList();
    }

    /**
     * {@code GET queue?plugin=&queue=}.
     *
     * @return the queue, or 404 when this Redis holds no such queue
     */
    @GET
    @Path("queue")
    public Response queue(@QueryParam("plugin") String plugin, @QueryParam("queue") String queue) {
        ManagedQueueAdmin admin = scope.forReading(caller());
        return find(admin, plugin, queue)
                .map(view -> Response.ok(QueueJson.of(view)).build())
                .orElseGet(() -> unknownQueue(plugin, queue));
    }

    /** {@code POST queue/pause {"plugin","queue"}}: no pod claims new jobs of it. */
    @POST
    @Path("queue/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminRoles.OPERATOR)
    public Response pause(QueueAction body) {
        return onQueue(body, "pause", (admin, a) -> admin.pause(a.plugin(), a.queue()) ? 1 : 0, false);
    }

    /** {@code POST queue/resume {"plugin","queue"}}. */
    @POST
    @Path("queue/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminRoles.OPERATOR)
    public Response resume(QueueAction body) {
        return onQueue(body, "resume", (admin, a) -> admin.resume(a.plugin(), a.queue()) ? 1 : 0, false);
    }

    /** {@code POST queue/retry-all {"plugin","queue","state":"FAILED","limit":1000}}. */
    @POST
    @Path("queue/retry-all")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminRoles.OPERATOR)
    public Response retryAll(QueueAction body) {
        return onQueue(body, "retry-all", (admin, a) -> admin.retryAll(a.plugin(), a.queue(),
                stateOf(a, JobState.FAILED, EnumSet.of(JobState.FAILED, JobState.CANCELLED)), limitOf(a)), true);
    }

    /** {@code POST queue/clean {"plugin","queue","state":"COMPLETED","olderThanSeconds":0,"limit":1000}}. */
    @POST
    @Path("queue/clean")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminRoles.OPERATOR)
    public Response clean(QueueAction body) {
        return onQueue(body, "clean", (admin, a) -> admin.clean(a.plugin(), a.queue(),
                stateOf(a, null, EnumSet.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED)),
                olderThanOf(a), limitOf(a)), true);
    }

    private interface QueueChange {
        int apply(ManagedQueueAdmin admin, QueueAction action);
    }

    private Response onQueue(QueueAction body, String action, QueueChange change, boolean countsJobs) {
        ManagedQueueAdmin admin = scope.forQueueChange(caller());
        QueueAction a = Params.body(body);
        if (find(admin, a.plugin(), a.queue()).isEmpty()) {
            return unknownQueue(a.plugin(), a.queue());
        }
        int result = change.apply(admin, a);
        return Response.ok(new ActionResult(action, result > 0, countsJobs ? result : 0, null)).build();
    }

    /** @return the queue, or empty when unknown; names that break the address rules are a 400 */
    private static Optional<QueueView> find(ManagedQueueAdmin admin, String plugin, String queue) {
        JobAddress.of(Params.required("plugin", plugin), Params.required("queue", queue), "-");
        // one read of every queue costs round trips per queue, not per job, and tells "unknown" without guessing
        // at the wording of an IllegalArgumentException
        return admin.queues().stream()
                .filter(v -> v.pluginName().equals(plugin) && v.queueName().equals(queue))
                .findFirst();
    }

    private static Response unknownQueue(String plugin, String queue) {
        return ApiError.response(404, "no queue {" + plugin + ", " + queue + "}", "queue");
    }

    private static JobState stateOf(QueueAction a, JobState defaultState, EnumSet<JobState> allowed) {
        if (a.state() == null && defaultState != null) {
            return defaultState;
        }
        JobState state = Params.state("state", a.state());
        if (!allowed.contains(state)) {
            throw new BadInput("state", "state must be one of " + allowed + ", was " + state);
        }
        return state;
    }

    private static int limitOf(QueueAction a) {
        return a.limit() == null ? DEFAULT_BULK_LIMIT : Params.inRange("limit", a.limit(), 1, ManagedQueueAdmin.MAX_BULK_LIMIT);
    }

    private static Duration olderThanOf(QueueAction a) {
        long seconds = a.olderThanSeconds() == null ? 0 : a.olderThanSeconds();
        if (seconds < 0) {
            throw new BadInput("olderThanSeconds", "olderThanSeconds must be 0 or more, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
