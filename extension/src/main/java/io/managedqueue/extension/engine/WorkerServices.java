package io.managedqueue.extension.engine;

import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;

/**
 * What an {@link AddressWorker} needs from the engine around it, and nothing more: a claim round
 * trip, the settling of its reply, a handler thread per claimed job, a way to give jobs back at
 * shutdown, and a timer. Every method is called on the dispatcher thread.
 */
interface WorkerServices {

    /** @return whether the engine is stopping: the worker claims no new job and only settles finished ones */
    boolean stopping();

    /**
     * Sends one claim to Redis: stores {@code completions} and claims up to {@code requested} jobs.
     * Its reply, or its failure, comes back to {@link AddressWorker#claimReturned} on the dispatcher.
     */
    void claim(AddressWorker worker, int requested, List<ClaimedJob> completions);

    /**
     * Settles what a claim reply says beyond the jobs it claimed: the {@code completions} it stored
     * (in order, {@link ClaimBatch#completed()}) leave the worker, the jobs it found stalled are reported.
     */
    void settle(AddressWorker worker, List<ClaimedJob> completions, ClaimBatch batch);

    /**
     * Runs an attempt of a claimed job on a handler thread. Its end comes back on the dispatcher:
     * {@link AddressWorker#attemptSucceeded} (the completion is still to store) or
     * {@link AddressWorker#attemptFinished} (the outcome is stored; the slot is free).
     */
    void launch(AddressWorker worker, ClaimedJob job);

    /** Gives a job just claimed back to its queue without using an attempt: the engine is stopping. */
    void handBack(ClaimedJob job);

    /** Runs {@code task} on the dispatcher in {@code delayMillis}. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis);
}
