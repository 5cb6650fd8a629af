package io.managedqueue.tck.support;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.managedqueue.testing.TestTimeouts;

/**
 * The TCK's only ways to wait: bounded by Awaitility and stretched by
 * {@code managed-queue.test.timeout-factor}. Conditions are polled on the test's own thread, so
 * they run inside the test's request context (and its tenant scope, where a test set one).
 */
public final class Waits {

    /** The default bound of {@link #eventually()}, before scaling. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(20);

    private Waits() {
    }

    /** @return a wait for something that must happen within the (scaled) default bound */
    public static ConditionFactory eventually() {
        return within(DEFAULT_BOUND);
    }

    /**
     * @param bound how long it may take on a normal machine
     * @return a wait for something that must happen within the scaled bound
     */
    public static ConditionFactory within(Duration bound) {
        return Awaitility.await()
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .atMost(TestTimeouts.scaled(bound));
    }

    /**
     * Asserts that a condition stays false for a whole period: "this never happens". The period
     * is scaled too, so a slow machine watches longer, never shorter.
     *
     * @param period    how long to watch on a normal machine
     * @param happened  the thing that must not happen
     */
    public static void never(Duration period, Callable<Boolean> happened) {
        Duration watched = TestTimeouts.scaled(period);
        Awaitility.await()
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .during(watched)
                .atMost(watched.plus(TestTimeouts.seconds(5)))
                .until(() -> !happened.call());
    }
}
