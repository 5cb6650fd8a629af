package io.managedqueue.sample.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.managedqueue.sample.ApiError;

/**
 * A stand-in for a third-party messaging provider, inside this WAR so the sample needs nothing
 * else. Like the real thing it fails now and then ({@code sample.provider.failure-rate}), and it
 * deduplicates by {@code Idempotency-Key}, which is what makes at-least-once delivery safe.
 *
 * <p>{@code X-Simulate-Failures: N} makes it refuse the first N calls for a key: the demo's way
 * to show retries on demand. It keeps its books in memory, for this process only.
 */
@Path("provider/messages")
@ApplicationScoped
public class FakeProviderResource {

    private static final int KEEP = 1000;

    @Inject
    @ConfigProperty(name = "sample.provider.failure-rate", defaultValue = "0.2")
    double failureRate;

    private final Map<String, Integer> calls = boundedMap();
    private final Map<String, Delivery> deliveries = boundedMap();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(ProviderMessage message,
                            @HeaderParam("Idempotency-Key") String idempotencyKey,
                            @HeaderParam("X-Attempt") @DefaultValue("0") int attempt,
                            @HeaderParam("X-Simulate-Failures") @DefaultValue("0") int simulatedFailures) {
        if (message == null || idempotencyKey == null || idempotencyKey.isBlank()) {
            return ApiError.response(Response.Status.BAD_REQUEST, "a message and an Idempotency-Key header are required");
        }
        String key = message.tenantId() + "/" + idempotencyKey;
        synchronized (this) {
            int call = calls.merge(key, 1, Integer::sum);
            Delivery earlier = deliveries.get(key);
            if (earlier != null) {
                return Response.ok(Map.of("status", "duplicate", "deliveredAt", earlier.deliveredAt().toString())).build();
            }
            if (call <= simulatedFailures) {
                return ApiError.response(Response.Status.SERVICE_UNAVAILABLE,
                        "provider unavailable (simulated failure " + call + " of " + simulatedFailures + ")");
            }
            if (ThreadLocalRandom.current().nextDouble() < failureRate) {
                return ApiError.response(Response.Status.SERVICE_UNAVAILABLE,
                        "provider unavailable (random failure, sample.provider.failure-rate=" + failureRate + ")");
            }
            Delivery delivery = new Delivery(idempotencyKey, message, call, attempt, Instant.now());
            deliveries.put(key, delivery);
            return Response.ok(Map.of("status", "delivered")).build();
        }
    }

    /**
     * @param tenantId only this tenant's deliveries, when given
     * @return the messages delivered so far, oldest first
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public synchronized List<Delivery> delivered(@QueryParam("tenant") String tenantId) {
        List<Delivery> result = new ArrayList<>();
        for (Delivery d : deliveries.values()) {
            if (tenantId == null || tenantId.equals(d.message().tenantId())) {
                result.add(d);
            }
        }
        return result;
    }

    private static <V> Map<String, V> boundedMap() {
        return Collections.synchronizedMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEEP;
            }
        });
    }
}
