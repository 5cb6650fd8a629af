package io.managedqueue.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Folds repeated enqueues into one job, keyed by an id of the caller's choice. Ids are scoped
 * like job ids: per plugin, logical queue and tenant.
 *
 * <ul>
 * <li>{@link #throttle(String, Duration) Throttle}: the first request creates the job; every
 * later request with the same id within {@code ttl} of it is dropped and returns the existing
 * job ({@link EnqueueResult#created()} {@code false}), whatever state that job is in by then; if it
 * has already been removed by retention the reported state is {@link JobState#COMPLETED} (it ended;
 * how is no longer known). After the ttl the next request creates a new job.</li>
 * <li>{@link #debounce(String) Debounce}: the request's {@link EnqueueRequest.Builder#delay(Duration)
 * delay} is a quiet period. While the job is still {@link JobState#DELAYED DELAYED}, a later
 * request with the same id replaces its payload, scope, scope key, priority and rate-limit key
 * (all of them: what the later request leaves out is cleared) and restarts the delay, and returns
 * the same job id ({@link EnqueueResult#created()} {@code false}). So the job runs once, with
 * the latest payload, {@code delay} after the last request. Once it is no longer delayed (due
 * and waiting for a worker, running, or ended), the next request creates a new job.</li>
 * </ul>
 *
 * <pre>{@code
 * // run one aggregation 2 s after the last inbound event of a conversation
 * queue.enqueue(EnqueueRequest.builder("@acme/plugin-wechat", "wechat.inbound", "flush")
 *         .payload(new Flush(conversationId))
 *         .delay(Duration.ofSeconds(2))
 *         .deduplication(Deduplication.debounce("conversation:" + conversationId))
 *         .build());
 * }</pre>
 *
 * @param id   the deduplication id; same character rules as {@link EnqueueRequest.Builder#jobId(String)}
 * @param mode throttle or debounce
 * @param ttl  throttle window; for debounce, {@link Duration#ZERO} (the request's delay is the window)
 */
public record Deduplication(String id, Mode mode, Duration ttl) {

    /** Longest accepted throttle window: 30 days. */
    public static final Duration MAX_TTL = Duration.ofDays(30);

    /** How later requests with the same id are treated. */
    public enum Mode {
        /** Dropped while the window of the first request lasts. */
        THROTTLE,
        /** Replace the pending job and restart its delay. */
        DEBOUNCE
    }

    /**
     * @throws IllegalArgumentException naming {@code deduplication.id} or {@code deduplication.ttl}
     */
    public Deduplication {
        Names.requireId("deduplication.id", id);
        Objects.requireNonNull(mode, "deduplication.mode");
        if (mode == Mode.THROTTLE && (ttl == null || ttl.toMillis() < 1 || ttl.compareTo(MAX_TTL) > 0)) {
            throw new IllegalArgumentException("deduplication.ttl must be between 1 ms and " + MAX_TTL.toDays()
                    + " days, was " + ttl);
        }
        if (mode == Mode.DEBOUNCE) {
            ttl = Duration.ZERO;
        }
    }

    /**
     * @param id  the deduplication id
     * @param ttl how long after the first request later ones are dropped; 1 ms to {@link #MAX_TTL}
     * @return a throttle rule
     */
    public static Deduplication throttle(String id, Duration ttl) {
        return new Deduplication(id, Mode.THROTTLE, ttl);
    }

    /**
     * @param id the deduplication id; the request must have a delay greater than zero
     * @return a debounce rule
     */
    public static Deduplication debounce(String id) {
        return new Deduplication(id, Mode.DEBOUNCE, Duration.ZERO);
    }
}
