package io.managedqueue.extension.engine;

import java.util.concurrent.TimeUnit;

/**
 * Counts what a graceful stop waits for: claims on their way to Redis, attempts running on
 * handler threads, and completions not yet stored (they travel with a worker's next claim).
 * One monitor for the three, so the stopping thread never sees a job between two counters.
 */
final class InFlightWork {

    private int claims;
    private int runningAttempts;
    private int unstoredCompletions;

    synchronized void claimStarted() {
        claims++;
    }

    synchronized void claimFinished() {
        claims--;
        notifyAll();
    }

    synchronized void attemptStarted() {
        runningAttempts++;
    }

    /** @param succeeded a success leaves a completion to store; a failure stored its outcome already */
    synchronized void attemptEnded(boolean succeeded) {
        runningAttempts--;
        if (succeeded) {
            unstoredCompletions++;
        }
        notifyAll();
    }

    /** A completion reached Redis, or was refused there because the lease was lost meanwhile. */
    synchronized void completionSettled() {
        unstoredCompletions--;
        notifyAll();
    }

    /** Waits until nothing is in flight, the deadline passes or the thread is interrupted. */
    synchronized void awaitIdle(long deadlineNanos) {
        while (runningAttempts > 0 || claims > 0 || unstoredCompletions > 0) {
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (waitMillis <= 0) {
                return;
            }
            try {
                wait(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
