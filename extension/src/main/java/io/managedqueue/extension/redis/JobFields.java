package io.managedqueue.extension.redis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.Retention;

/**
 * The fields of a job hash, and their encodings. Absent optional values are simply not
 * written, so a job hash holds only what it needs; nor is a value equal to its field's constant
 * default (a fixed backoff, an unbounded retention part):
 * every reader takes an absent field as that default, and a hash that holds the field reads the
 * same. A value that comes from configuration is always written, so a job keeps it whatever the
 * configuration says by the time it runs.
 */
public final class JobFields {

    /** The W3C {@code traceparent} of the job's creation (telemetry only); read back by {@code claim.lua}. */
    public static final String TRACE_PARENT = "tp";

    /** What an absent {@code maxAttempts} means (claim-settle.lua and the readers here agree). */
    static final int DEFAULT_MAX_ATTEMPTS = 1;
    /** What an absent {@code rcAge}, {@code rcCount}, {@code rfAge} or {@code rfCount} means: unbounded (lib-finish.lua). */
    static final long UNBOUNDED = -1;

    /**
     * The last attempts and retention encoded, for all threads. Most jobs take the configured
     * defaults, the same values job after job: their text is then built once, not per job.
     */
    private static volatile EncodedAttempts lastAttempts;
    private static volatile EncodedRetention lastRetention;

    private record EncodedAttempts(int maxAttempts, Backoff backoff, List<String> pairs) {
    }

    private record EncodedRetention(Retention onComplete, Retention onFail, List<String> pairs) {
    }

    private final List<String> pairs = new ArrayList<>(24);
    private boolean done;

    /** Starts with the address. */
    public JobFields(JobAddress address) {
        put("plugin", address.pluginName());
        put("queue", address.queueName());
        put("name", address.jobName());
    }

    public JobFields scope(JobScope scope) {
        put("tenant", scope.tenantId());
        put("org", scope.organizationId());
        put("user", scope.userId());
        if (!scope.attributes().isEmpty()) {
            put("attrs", encodeAttributes(scope.attributes()));
        }
        return this;
    }

    public JobFields scopeKey(String scopeKey) {
        put("scopeKey", scopeKey);
        return this;
    }

    public JobFields payload(String json) {
        put("payload", json);
        return this;
    }

    /** A fixed backoff type is not written (see {@link #decodeBackoff}). */
    public JobFields attempts(int maxAttempts, Backoff backoff) {
        EncodedAttempts last = lastAttempts;
        if (last == null || last.maxAttempts() != maxAttempts || !last.backoff().equals(backoff)) {
            List<String> out = new ArrayList<>(8);
            // maxAttempts, boDelay and boJitter are written even at their defaults: the builds before
            // this one cannot read them absent, and may still run workers during a rolling upgrade
            pair(out, "maxAttempts", Integer.toString(maxAttempts));
            if (backoff.type() != Backoff.Type.FIXED) {
                pair(out, "boType", backoff.type().name());
            }
            pair(out, "boDelay", Long.toString(backoff.delay().toMillis()));
            pair(out, "boJitter", Double.toString(backoff.jitter()));
            last = new EncodedAttempts(maxAttempts, backoff, List.copyOf(out));
            lastAttempts = last;
        }
        putAll(last.pairs());
        return this;
    }

    /** An unbounded part (no age, no count) is not written. */
    public JobFields retention(Retention onComplete, Retention onFail) {
        EncodedRetention last = lastRetention;
        if (last == null || !last.onComplete().equals(onComplete) || !last.onFail().equals(onFail)) {
            List<String> out = new ArrayList<>(8);
            bound(out, "rcAge", onComplete.maxAge().map(Duration::toMillis).orElse(UNBOUNDED));
            bound(out, "rcCount", onComplete.maxCount().orElse(-1));
            bound(out, "rfAge", onFail.maxAge().map(Duration::toMillis).orElse(UNBOUNDED));
            bound(out, "rfCount", onFail.maxCount().orElse(-1));
            last = new EncodedRetention(onComplete, onFail, List.copyOf(out));
            lastRetention = last;
        }
        putAll(last.pairs());
        return this;
    }

    private static void bound(List<String> out, String field, long value) {
        if (value != UNBOUNDED) {
            pair(out, field, Long.toString(value));
        }
    }

    private static void pair(List<String> out, String field, String value) {
        out.add(field);
        out.add(value);
    }

    /** Priority 0 is not written: an absent field means 0. */
    public JobFields priority(int priority) {
        if (priority != 0) {
            put("prio", String.valueOf(priority));
        }
        return this;
    }

    public JobFields rateLimitKey(String key) {
        put("rlKey", key);
        return this;
    }

    /**
     * @param pairs   a job's field/value pairs
     * @param address its address
     * @return 6 when the pairs open with the address's {@code plugin}, {@code queue} and {@code name}
     *         fields (as {@link #JobFields(JobAddress)} writes them), which enqueue.lua writes from the
     *         address it is given, so they need not be sent; else 0
     */
    static int addressEntries(List<String> pairs, JobAddress address) {
        return pairs.size() >= 6 && "plugin".equals(pairs.get(0)) && address.pluginName().equals(pairs.get(1))
                && "queue".equals(pairs.get(2)) && address.queueName().equals(pairs.get(3))
                && "name".equals(pairs.get(4)) && address.jobName().equals(pairs.get(5)) ? 6 : 0;
    }

    /**
     * Ends the building: the list returned is this builder's own (no copy), and no field can be added after.
     *
     * @return the field/value pairs, unmodifiable
     */
    public List<String> pairs() {
        done = true;
        return Collections.unmodifiableList(pairs);
    }

    private void put(String field, String value) {
        checkOpen();
        if (value != null) {
            pairs.add(field);
            pairs.add(value);
        }
    }

    private void putAll(List<String> fieldsAndValues) {
        checkOpen();
        for (int i = 0; i < fieldsAndValues.size(); i++) {
            pairs.add(fieldsAndValues.get(i));
        }
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("the fields were taken already");
        }
    }

    static String encodeAttributes(Map<String, String> attributes) {
        StringBuilder out = new StringBuilder();
        attributes.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    static Map<String, String> decodeAttributes(String encoded) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return attributes;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            attributes.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return attributes;
    }

    /**
     * @param type    {@code boType}, or {@code null} (absent: fixed)
     * @param delayMs {@code boDelay}, or {@code null} (absent: 0 ms)
     * @param jitter  {@code boJitter}, or {@code null} (absent: none)
     * @return the backoff; an empty string counts as absent (claim.lua returns absent fields so)
     */
    static Backoff decodeBackoff(String type, String delayMs, String jitter) {
        Duration delay = Duration.ofMillis(isAbsent(delayMs) ? 0 : Long.parseLong(delayMs));
        Backoff base = "EXPONENTIAL".equals(type) ? Backoff.exponential(delay) : Backoff.fixed(delay);
        return isAbsent(jitter) ? base : base.withJitter(Double.parseDouble(jitter));
    }

    /** @return {@code maxAttempts} read from a hash: {@code null} or empty means {@link #DEFAULT_MAX_ATTEMPTS} */
    static int decodeMaxAttempts(String maxAttempts) {
        return isAbsent(maxAttempts) ? DEFAULT_MAX_ATTEMPTS : Integer.parseInt(maxAttempts);
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isEmpty();
    }
}
