package io.managedqueue.extension.engine;

import java.util.concurrent.TimeUnit;

/**
 * Counts what a graceful stop waits for: claims on their way to Redis, attempts running on
 * handler threads, and ended attempts whose outcome, completed or failed, is not yet stored (it
 * travels with a worker's next claim).
 * One monitor for the three, so the stopping thread never sees a job between two counters.
 */
final class InFlightWork {

    private int claims;
    private int runningAttempts;
    private int unsettledAttempts;

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

    /** @param toSettle whether the attempt left an outcome to store (false: handed back, or none could be told) */
    synchronized void attemptEnded(boolean toSettle) {
        runningAttempts--;
        if (toSettle) {
            unsettledAttempts++;
        }
        notifyAll();
    }

    /** An outcome reached Redis, or was refused there because the lease was lost meanwhile. */
    synchronized void attemptSettled() {
        unsettledAttempts--;
        notifyAll();
    }

    /** Waits until nothing is in flight, the deadline passes or the thread is interrupted. */
    synchronized void awaitIdle(long deadlineNanos) {
        while (runningAttempts > 0 || claims > 0 || unsettledAttempts > 0) {
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
