package io.managedqueue.sample.events;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.Deduplication;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.sample.AcmePlugin;
import io.managedqueue.sample.Ids;
import io.managedqueue.sample.tenant.TenantScoped;

/**
 * Inbound events, debounced: a burst of events for one integration is handled once, by one
 * flush, {@code sample.debounce.window} after the last event of the burst.
 *
 * <p>Each event is appended to the integration's window and enqueues a {@code flush} job with
 * {@link Deduplication#debounce(String)}: while the flush is still delayed, the platform keeps
 * that one job, gives it the newest payload (the window's latest version) and restarts its
 * delay. So a burst gives one flush job. The version still guards the window: an event that
 * arrives while a flush is already running enqueues the next flush, and the running one, now
 * stale, leaves the window to it.
 */
@Path("events")
@TenantScoped
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    ManagedQueueService queue;

    @Inject
    DebounceStore windows;

    @Inject
    @ConfigProperty(name = "sample.debounce.window", defaultValue = "PT2S")
    Duration window;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(EventRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        String integrationId = Ids.requireSlug("integrationId", request.integrationId());
        String type = request.type() == null || request.type().isBlank() ? "event" : request.type();
        long version = windows.append(integrationId, new InboundEvent(type, request.data(), Instant.now()));

        EnqueueResult flush = queue.enqueue(EnqueueRequest
                .<FlushEvents>builder(AcmePlugin.NAME, AcmePlugin.INBOUND_QUEUE, AcmePlugin.FLUSH_JOB)
                .payload(new FlushEvents(integrationId, version))
                .scopeKey(integrationId)
                .delay(window)
                .deduplication(Deduplication.debounce("flush:" + integrationId))
                .attempts(3) // the flush is idempotent: running it again is harmless
                .backoff(Backoff.fixed(Duration.ofSeconds(1)))
                .build());
        return Response.accepted(new EventAccepted(integrationId, version, flush.jobId(), Instant.now().plus(window))).build();
    }

    /**
     * @param integrationId the integration
     * @return how the caller's tenant's events of that integration were flushed so far
     */
    @GET
    @Path("{integrationId}/flushes")
    public DebounceStatus flushes(@PathParam("integrationId") String integrationId) {
        return windows.status(Ids.requireSlug("integrationId", integrationId));
    }
}
