package io.managedqueue.extension.engine;

import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.Settlement;

/**
 * What an {@link AddressWorker} needs from the engine around it, and nothing more: a claim round
 * trip, the settling of its reply, a handler thread per claimed job, a way to give jobs back at
 * shutdown, and a timer. Called from whichever thread drives the worker, never while it holds its
 * monitor, so none of them may block: each hands blocking work to a thread made for it.
 */
interface WorkerServices {

    /** @return whether the engine is stopping: the worker claims no new job and only settles finished ones */
    boolean stopping();

    /**
     * Sends one claim to Redis: stores {@code settlements} and claims up to {@code requested} jobs.
     * Its reply, or its failure, comes back to {@link AddressWorker#claimReturned} on the thread that receives it.
     */
    void claim(AddressWorker worker, int requested, List<Settlement> settlements);

    /**
     * Settles what a claim reply says beyond the jobs it claimed: the jobs of the {@code settlements} it
     * stored leave the worker and their outcomes ({@link ClaimBatch#settled()}, in order) are reported, as
     * are the jobs it found stalled.
     */
    void settle(AddressWorker worker, List<Settlement> settlements, ClaimBatch batch);

    /**
     * Runs an attempt of a claimed job on a handler thread. Its end comes back on that thread:
     * {@link AddressWorker#attemptSucceeded} or {@link AddressWorker#attemptFailed} (the outcome is still
     * to store) or {@link AddressWorker#attemptFinished} (nothing to store; the slot is free).
     */
    void launch(AddressWorker worker, ClaimedJob job);

    /** Gives a job just claimed back to its queue without using an attempt (the engine is stopping), off this thread. */
    void handBack(ClaimedJob job);

    /** Runs {@code task} on the dispatcher in {@code delayMillis}; {@code null} once the engine has stopped. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis);
}
