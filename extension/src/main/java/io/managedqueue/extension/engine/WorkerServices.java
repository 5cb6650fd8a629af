package io.managedqueue.extension.engine;

import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;

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
     * Sends one claim to Redis: stores {@code completions} and claims up to {@code requested} jobs.
     * Its reply, or its failure, comes back to {@link AddressWorker#claimReturned} on the thread that receives it.
     */
    void claim(AddressWorker worker, int requested, List<ClaimedJob> completions);

    /**
     * Settles what a claim reply says beyond the jobs it claimed: the {@code completions} it stored
     * (in order, {@link ClaimBatch#completed()}) leave the worker, the jobs it found stalled are reported.
     */
    void settle(AddressWorker worker, List<ClaimedJob> completions, ClaimBatch batch);

    /**
     * Runs an attempt of a claimed job on a handler thread. Its end comes back on that thread:
     * {@link AddressWorker#attemptSucceeded} (the completion is still to store) or
     * {@link AddressWorker#attemptFinished} (the outcome is stored; the slot is free).
     */
    void launch(AddressWorker worker, ClaimedJob job);

    /** Gives a job just claimed back to its queue without using an attempt (the engine is stopping), off this thread. */
    void handBack(ClaimedJob job);

    /** Runs {@code task} on the dispatcher in {@code delayMillis}; {@code null} once the engine has stopped. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis);
}
