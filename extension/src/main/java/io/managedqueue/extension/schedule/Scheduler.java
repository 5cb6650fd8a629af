package io.managedqueue.extension.schedule;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduler of one worker process: one platform thread that sleeps until the earliest tick
 * in the index (at most {@link #MAX_SLEEP_MILLIS}, the safety net that also notices schedules
 * other processes add), fires the due ticks, and sleeps again. Every process runs one; the
 * guard in the schedule hash lets exactly one of them create each tick's job.
 */
public final class Scheduler {

    /** Longest sleep between two looks at the index: 1 s. */
    static final long MAX_SLEEP_MILLIS = 1_000;
    private static final int BATCH = 100;
    private static final int MAX_ROUNDS = 50;
    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    private final ScheduleStore store;
    private ScheduledExecutorService thread;
    private volatile boolean stopped;

    public Scheduler(ScheduleStore store) {
        this.store = store;
    }

    /** @param threads where the scheduler's thread comes from (container-managed on a Jakarta EE server) */
    public void start(ThreadFactory threads) {
        thread = Executors.newSingleThreadScheduledExecutor(threads);
        thread.execute(this::cycle);
    }

    /** Stops the thread, waiting for a firing in progress (a few Redis calls) to end. */
    public void stop() {
        if (thread == null || stopped) {
            return;
        }
        stopped = true;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("Managed queue: the scheduler thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cycle() {
        long sleep = MAX_SLEEP_MILLIS;
        try {
            for (int round = 0; round < MAX_ROUNDS && !stopped; round++) {
                ScheduleStore.Due due = store.due(BATCH);
                if (due.members().isEmpty()) {
                    if (due.nextScore() >= 0) {
                        sleep = Math.max(1, Math.min(MAX_SLEEP_MILLIS, due.nextScore() - due.now()));
                    }
                    break;
                }
                if (!fireAll(due)) {
                    break; // nothing moved on: look again after a pause rather than spin
                }
                // look again at once: a late scheduler may find the next tick of a schedule due as well
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: the scheduler could not read the schedules; trying again in "
                    + MAX_SLEEP_MILLIS + " ms", e);
        }
        if (!stopped) {
            try {
                thread.schedule(this::cycle, sleep, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private boolean fireAll(ScheduleStore.Due due) {
        boolean progress = false;
        for (String member : due.members()) {
            if (stopped) {
                return false;
            }
            try {
                store.fire(member, due.now());
                progress = true;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Managed queue: could not fire schedule " + member + "; trying again later", e);
            }
        }
        return progress;
    }
}
