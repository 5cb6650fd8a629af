package io.managedqueue.extension.redis;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.managedqueue.api.Deduplication;
import io.managedqueue.api.JobAddress;

/**
 * A validated, serialised job ready for {@code enqueue.lua}.
 *
 * @param ref           its id
 * @param address       its address
 * @param delayMs       delay before the first attempt
 * @param fields        the job hash's field/value pairs (see {@link JobFields})
 * @param deduplication its throttle or debounce rule, or {@code null}
 * @param guard         a compare-and-set the enqueue must pass (an outbox relay's), or {@code null}
 */
public record PreparedJob(JobRef ref, JobAddress address, long delayMs, List<String> fields, Deduplication deduplication,
                          EnqueueGuard guard) {

    /** A job without deduplication. */
    public PreparedJob(JobRef ref, JobAddress address, long delayMs, List<String> fields) {
        this(ref, address, delayMs, fields, null);
    }

    /** A job without a guard. */
    public PreparedJob(JobRef ref, JobAddress address, long delayMs, List<String> fields, Deduplication deduplication) {
        this(ref, address, delayMs, fields, deduplication, null);
    }

    /** @return this job, created only if the guard holds (a guarded job in a batch that fails it reports no state) */
    public PreparedJob withGuard(EnqueueGuard guard) {
        return new PreparedJob(ref, address, delayMs, fields, deduplication, guard);
    }

    /**
     * @param traceParent the W3C {@code traceparent} of the span that creates the job
     * @return this job with its creation context as one more hash field, written by the same enqueue script
     */
    public PreparedJob withTraceParent(String traceParent) {
        String[] more = fields.toArray(new String[fields.size() + 2]);
        more[fields.size()] = JobFields.TRACE_PARENT;
        more[fields.size() + 1] = traceParent;
        return new PreparedJob(ref, address, delayMs, Collections.unmodifiableList(Arrays.asList(more)), deduplication, guard);
    }
}
