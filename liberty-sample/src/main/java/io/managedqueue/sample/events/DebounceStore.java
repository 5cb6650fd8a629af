package io.managedqueue.sample.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.sample.AcmePlugin;

/**
 * The debounce windows, in the platform's Redis under keys the platform scopes to this plugin
 * and to the current tenant ({@link ManagedQueueService#pluginKey}): the same code serves the
 * web request that appends and the job that flushes, because the job runs in its tenant's scope.
 *
 * <p>The integration id is the keys' Redis Cluster hash tag ({@code {id}}), so each script's
 * keys share a slot.
 */
@ApplicationScoped
public class DebounceStore {

    private static final long TTL_MILLIS = Duration.ofDays(1).toMillis();
    private static final int FLUSHES_KEPT = 20;

    @Inject
    ManagedQueueService queue;

    private final String appendScript = script("append.lua");
    private final String flushScript = script("flush.lua");
    private final Jsonb jsonb = JsonbBuilder.create();

    /**
     * @param integrationId the integration
     * @param event         the event
     * @return the window's new version
     */
    public long append(String integrationId, InboundEvent event) {
        Keys keys = keys(integrationId);
        Long version = redis().eval(RScript.Mode.READ_WRITE, appendScript, RScript.ReturnType.LONG,
                List.<Object>of(keys.events, keys.state), jsonb.toJson(event), String.valueOf(TTL_MILLIS));
        return version;
    }

    /**
     * Flushes the window if {@code version} is still its latest.
     *
     * @param integrationId the integration
     * @param version       the version the flush job carries
     * @return what happened
     */
    public Flush flush(String integrationId, long version) {
        Keys keys = keys(integrationId);
        String json = redis().eval(RScript.Mode.READ_WRITE, flushScript, RScript.ReturnType.STRING,
                List.<Object>of(keys.events, keys.state, keys.flushes), String.valueOf(version), Instant.now().toString(),
                String.valueOf(TTL_MILLIS), String.valueOf(FLUSHES_KEPT));
        return jsonb.fromJson(json, Flush.class);
    }

    /**
     * @param integrationId the integration
     * @return its debounce state in the current tenant
     */
    public DebounceStatus status(String integrationId) {
        Keys keys = keys(integrationId);
        var client = queue.getRedis();
        Map<String, String> state = client.<String, String>getMap(keys.state, StringCodec.INSTANCE).readAllMap();
        int pending = client.<String>getList(keys.events, StringCodec.INSTANCE).size();
        List<Flush> flushes = client.<String>getList(keys.flushes, StringCodec.INSTANCE).readAll().stream()
                .map(json -> jsonb.fromJson(json, Flush.class))
                .toList();
        return new DebounceStatus(integrationId, number(state, "version"), pending, number(state, "flushes"),
                number(state, "stale"), flushes);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing held but caches: closing is a courtesy
        }
    }

    private RScript redis() {
        return queue.getRedis().getScript(StringCodec.INSTANCE);
    }

    private Keys keys(String integrationId) {
        String base = "debounce:{" + integrationId + "}:";
        return new Keys(queue.pluginKey(AcmePlugin.NAME, base + "events"),
                queue.pluginKey(AcmePlugin.NAME, base + "state"),
                queue.pluginKey(AcmePlugin.NAME, base + "flushes"));
    }

    private static long number(Map<String, String> state, String field) {
        String value = state.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String script(String name) {
        try (InputStream in = DebounceStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Keys(String events, String state, String flushes) {
    }
}
