package io.managedqueue.testing.topology;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait for a topology to reach a state (test-support has no Awaitility): polls every
 * 20 ms, fails with the condition's name when the bound passes, and reports the time it took.
 */
public final class Waits {

    private Waits() {
    }

    /** @return the milliseconds it took */
    public static long until(String what, Duration bound, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + bound.toMillis() + " ms waiting until " + what);
            }
            LockSupport.parkNanos(20_000_000L); // a poll interval, not a synchronisation
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
