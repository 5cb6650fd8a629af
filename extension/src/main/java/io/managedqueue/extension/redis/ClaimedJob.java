package io.managedqueue.extension.redis;

import java.time.Instant;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;

/**
 * A job this process holds the lease of: everything a worker needs to run one attempt.
 *
 * @param ref          its id
 * @param address      its address
 * @param lease        the lease token; every later transition must present it. Unique per job, not
 *                     per process: two jobs can hold equal tokens (see {@link #attemptKey()})
 * @param attemptsMade attempts started, this one included
 * @param scope        the tenant scope to restore
 * @param scopeKey     the application's scope key, or {@code null}
 * @param payloadJson  the payload, or {@code null}
 * @param maxAttempts  the attempts allowed
 * @param backoff      the wait before a retry
 * @param enqueuedAt   when it was enqueued
 * @param traceParent  the W3C {@code traceparent} stored when it was created, or {@code null}
 */
public record ClaimedJob(JobRef ref, JobAddress address, String lease, int attemptsMade, JobScope scope,
                         String scopeKey, String payloadJson, int maxAttempts, Backoff backoff, Instant enqueuedAt,
                         String traceParent) {

    /**
     * @return this attempt's identity within the process: the member and the lease. The lease token
     *         alone ({@code <process>:<the job's claim count>}) repeats across jobs.
     */
    public String attemptKey() {
        return ref.member() + "#" + lease;
    }

    /** @return the same job under another lease token (a worker that lost its lease sees this) */
    public ClaimedJob withLease(String otherLease) {
        return new ClaimedJob(ref, address, otherLease, attemptsMade, scope, scopeKey, payloadJson, maxAttempts, backoff,
                enqueuedAt, traceParent);
    }
}
