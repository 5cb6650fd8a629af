package io.managedqueue.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life-cycle states of a job, and the one table of transitions between them. The Redis
 * scripts that move jobs mirror this table.
 *
 * <pre>
 * DELAYED ─▶ WAITING ─▶ ACTIVE ─▶ COMPLETED
 *    ▲  │       ▲ │       │ │
 *    │  │       │ │       │ └──▶ FAILED      (final attempt failed)
 *    │  │       │ │       ├────▶ DELAYED     (retry with backoff)
 *    │  │       │ │       └────▶ WAITING     (retry without backoff, lease expired, handed back)
 *    │  └───────┴─┴──────────▶ CANCELLED   (only from WAITING or DELAYED)
 *
 * FAILED, CANCELLED ─▶ WAITING    (an operator's retry, attempts reset; see ManagedQueueAdmin)
 *
 * WAITING_CHILDREN ─▶ WAITING    (every child of the flow ended; see {@link FlowRequest})
 *        │  └────────▶ FAILED     (a child whose failure fails the parent failed)
 *        └───────────▶ CANCELLED
 * </pre>
 */
public enum JobState {
    /** Ready to run, waiting for a worker with a free slot for its address. */
    WAITING,
    /** Scheduled for later: an initial delay or a retry backoff. */
    DELAYED,
    /** Claimed by a worker whose lease is live; its handler is running. */
    ACTIVE,
    /** The handler returned normally. Final. */
    COMPLETED,
    /** The final attempt failed, or the job stalled too often. Final, unless an operator retries it. */
    FAILED,
    /** Cancelled before it started. Final, unless an operator retries it. */
    CANCELLED,
    /** A flow's parent, waiting until each of its children has ended. */
    WAITING_CHILDREN;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            WAITING, EnumSet.of(ACTIVE, CANCELLED),
            DELAYED, EnumSet.of(WAITING, CANCELLED),
            ACTIVE, EnumSet.of(COMPLETED, FAILED, DELAYED, WAITING),
            COMPLETED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.of(WAITING),
            CANCELLED, EnumSet.of(WAITING),
            WAITING_CHILDREN, EnumSet.of(WAITING, FAILED, CANCELLED));

    /**
     * @return whether the job has ended: {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
     *         (only an operator's retry moves a failed or cancelled job on)
     */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * @param next a candidate next state
     * @return whether a job may move from this state to {@code next}
     */
    public boolean canTransitionTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }
}
