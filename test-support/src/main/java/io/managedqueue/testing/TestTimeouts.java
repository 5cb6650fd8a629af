package io.managedqueue.testing;

import java.time.Duration;

/**
 * Scales every wait in the tests by the system property {@code managed-queue.test.timeout-factor}
 * (default 1), so a slow machine can stretch them without touching the tests.
 */
public final class TestTimeouts {

    private TestTimeouts() {
    }

    /** @return the factor, {@code >= 1} */
    public static double factor() {
        try {
            return Math.max(1, Double.parseDouble(System.getProperty("managed-queue.test.timeout-factor", "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * @param base the wait on a normal machine
     * @return the scaled wait
     */
    public static Duration scaled(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * factor()));
    }

    /**
     * @param seconds the wait on a normal machine
     * @return the scaled wait
     */
    public static Duration seconds(long seconds) {
        return scaled(Duration.ofSeconds(seconds));
    }
}
