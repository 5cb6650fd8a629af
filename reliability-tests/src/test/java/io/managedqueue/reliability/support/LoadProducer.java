package io.managedqueue.reliability.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;

/**
 * Enqueues {@code total} jobs, {@code perTick} every {@code tick}, one {@code enqueue} call each, on
 * a thread of its own. Records which enqueues were acknowledged (returned a job id) and, for the
 * others, how long the call took and what it threw. A failed enqueue is not retried.
 */
public final class LoadProducer implements AutoCloseable {

    /** An enqueue call that threw. */
    public record Failure(int index, String jobId, long startedAtMillis, long durationMillis, String exception) {
    }

    private final ManagedQueueService queue;
    private final int total;
    private final int perTick;
    private final Duration tick;
    private final IntFunction<EnqueueRequest<?>> requests;
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> successAtMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reliability-producer");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> task;
    private volatile long lastSuccessAtMillis;

    /**
     * @param requests builds request {@code i}; give it a custom job id to know the id of a failed enqueue
     */
    public LoadProducer(ManagedQueueService queue, int total, int perTick, Duration tick, IntFunction<EnqueueRequest<?>> requests) {
        this.queue = queue;
        this.total = total;
        this.perTick = perTick;
        this.tick = tick;
        this.requests = requests;
    }

    public LoadProducer start() {
        task = thread.scheduleAtFixedRate(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        for (int n = 0; n < perTick; n++) {
            int i = next.get();
            if (i >= total) {
                task.cancel(false);
                return;
            }
            EnqueueRequest<?> request = requests.apply(i);
            long start = System.currentTimeMillis();
            long t0 = System.nanoTime();
            try {
                EnqueueResult r = queue.enqueue(request);
                acknowledged.add(r.jobId());
                lastSuccessAtMillis = System.currentTimeMillis();
                successAtMillis.add(lastSuccessAtMillis);
            } catch (RuntimeException e) {
                failures.add(new Failure(i, request.jobId().orElse(null), start, (System.nanoTime() - t0) / 1_000_000,
                        e.getClass().getName()));
            }
            next.incrementAndGet();
        }
    }

    /** @return how many enqueues were attempted so far */
    public int attempted() {
        return next.get();
    }

    public boolean done() {
        return next.get() >= total;
    }

    /** @return the job ids of the acknowledged enqueues so far (a copy) */
    public List<String> acknowledged() {
        synchronized (acknowledged) {
            return new ArrayList<>(acknowledged);
        }
    }

    public List<Failure> failures() {
        synchronized (failures) {
            return new ArrayList<>(failures);
        }
    }

    /** @return when each acknowledged enqueue returned, in order (a copy) */
    public List<Long> successTimes() {
        synchronized (successAtMillis) {
            return new ArrayList<>(successAtMillis);
        }
    }

    public long lastSuccessAtMillis() {
        return lastSuccessAtMillis;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
