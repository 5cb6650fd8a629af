package io.managedqueue.reliability.support;

import java.nio.file.Path;
import java.time.Duration;

import io.managedqueue.testing.TestTimeouts;

/** Shared constants and helpers of the reliability tests. */
public final class Reliability {

    /** The JUnit tag of the group: {@code ./mvnw -pl reliability-tests -am verify} runs it. */
    public static final String TAG = "reliability";

    /** The plugin and queue every worker process handles. */
    public static final String PLUGIN = "@rel/plugin";
    public static final String QUEUE = "rel.jobs";
    public static final String JOB = "work";
    /** The configuration key overriding the workers' concurrency. */
    public static final String CONCURRENCY_KEY = "managed-queue.concurrency." + PLUGIN + "/" + QUEUE + "/" + JOB;

    private Reliability() {
    }

    /** @return {@code target/reliability} (logs, Redis data, figures) */
    public static Path workDir() {
        return Path.of(System.getProperty("reliability.work.dir", "target/reliability")).toAbsolutePath();
    }

    /** @return a wait scaled by {@code managed-queue.test.timeout-factor} */
    public static Duration seconds(long seconds) {
        return TestTimeouts.seconds(seconds);
    }

    public static Duration millis(long millis) {
        return TestTimeouts.scaled(Duration.ofMillis(millis));
    }

    /** @return the p-th percentile (0..100) of already sorted values, or 0 for none */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
