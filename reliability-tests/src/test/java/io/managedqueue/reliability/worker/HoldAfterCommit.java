package io.managedqueue.reliability.worker;

import java.util.concurrent.CountDownLatch;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/**
 * Holds a committed transaction's thread in {@code afterCompletion}, before the platform relays its
 * jobs, until the JVM is killed: the database has committed the orders and the outbox rows, Redis has
 * nothing yet. Registered (interposed) after the platform's synchronization; Narayana runs interposed
 * {@code afterCompletion}s in the reverse order of registration, so this one runs first. The test
 * checks that Redis has none of the jobs at the kill, so a change of that order fails it, not passes it.
 */
final class HoldAfterCommit implements Synchronization {

    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private final String what;

    HoldAfterCommit(String what) {
        this.what = what;
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        if (status != Status.STATUS_COMMITTED) {
            return;
        }
        OutboxProducerMain.say("HELD AFTER COMMIT " + what);
        try {
            NEVER.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
