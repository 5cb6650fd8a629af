package io.managedqueue.extension.cdi;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Runs the workers' start-up once Redis answers. An application whose Redis is down when it starts
 * still starts (its readiness check says DOWN, enqueues throw {@code ManagedQueueException}); this
 * duty tries again, 250 ms after the first failure and then up to every 2 s, until a start succeeds.
 * Redisson's client is lazily initialised, so it connects on the first call that finds Redis up.
 */
final class StartWhenRedisAnswers {

    private static final Logger LOG = Logger.getLogger(StartWhenRedisAnswers.class.getName());
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long MAX_RETRY_MILLIS = 2000;

    private final BooleanSupplier start;
    private final ScheduledExecutorService timer;
    private volatile boolean cancelled;
    private long retryMillis = FIRST_RETRY_MILLIS;

    /** @param start tries the start once: true when it succeeded, false (having undone any part of it) when Redis failed */
    StartWhenRedisAnswers(BooleanSupplier start, ThreadFactory threads) {
        this.start = start;
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    void begin() {
        LOG.warning("Managed queue: Redis does not answer at start-up; the application runs without workers"
                + " (readiness DOWN) and starts them as soon as Redis answers");
        timer.schedule(this::attempt, retryMillis, TimeUnit.MILLISECONDS);
    }

    private void attempt() {
        if (cancelled) {
            return;
        }
        boolean started;
        try {
            started = start.getAsBoolean();
        } catch (RuntimeException e) {
            // an unexpected failure must not end the retries: a task that throws is never run again
            LOG.warning("Managed queue: starting the workers failed; trying again in " + retryMillis + " ms: " + e);
            started = false;
        }
        if (started) {
            LOG.info("Managed queue: Redis answers; workers started");
            timer.shutdown();
            return;
        }
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        timer.schedule(this::attempt, retryMillis, TimeUnit.MILLISECONDS);
    }

    /** The application stops: no start after this. */
    void cancel() {
        cancelled = true;
        timer.shutdownNow();
    }
}
