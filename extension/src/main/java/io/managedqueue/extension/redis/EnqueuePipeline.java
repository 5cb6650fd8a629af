package io.managedqueue.extension.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.managedqueue.api.EnqueueResult;

/**
 * Group commit for asynchronous enqueues: a call made while no enqueue is in flight goes out at
 * once; calls made while one is in flight wait for its reply and then go out together, as one
 * pipelined batch (one write, one round trip). Without it each call would take its own pooled
 * connection and its own round trip, and a burst of concurrent enqueues would pay a context
 * switch per job on both sides. Order is kept: batches go out one after another, each in call order.
 * Results complete on {@code callbacks}, one task per batch, never on a Redis I/O thread.
 */
public final class EnqueuePipeline {

    /** Bounds one batch's size, so one reply never holds back many callers. */
    static final int MAX_BATCH = 256;

    private record Pending(PreparedJob job, CompletableFuture<EnqueueResult> result) {
    }

    private final JobStore store;
    private final Executor callbacks;
    private final Object lock = new Object();
    private List<Pending> waiting = new ArrayList<>();
    private boolean inFlight;

    /**
     * @param store     where jobs go
     * @param callbacks where callers' results complete
     */
    public EnqueuePipeline(JobStore store, Executor callbacks) {
        this.store = store;
        this.callbacks = callbacks;
    }

    /**
     * @param job a prepared job
     * @return its result, or a {@code ManagedQueueException} when Redis fails
     */
    public CompletionStage<EnqueueResult> submit(PreparedJob job) {
        Pending pending = new Pending(job, new CompletableFuture<>());
        List<Pending> batch = null;
        synchronized (lock) {
            waiting.add(pending);
            if (!inFlight) {
                inFlight = true;
                batch = takeBatch();
            }
        }
        if (batch != null) {
            send(batch);
        }
        return pending.result();
    }

    /** Caller holds {@link #lock}. */
    private List<Pending> takeBatch() {
        if (waiting.size() <= MAX_BATCH) {
            List<Pending> batch = waiting;
            waiting = new ArrayList<>();
            return batch;
        }
        List<Pending> batch = new ArrayList<>(waiting.subList(0, MAX_BATCH));
        waiting = new ArrayList<>(waiting.subList(MAX_BATCH, waiting.size()));
        return batch;
    }

    private void send(List<Pending> batch) {
        CompletionStage<List<EnqueueResult>> sent;
        try {
            sent = store.enqueueBatchAsync(batch.stream().map(Pending::job).toList());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((results, error) -> {
            sendNext();
            complete(batch, results, error);
        });
    }

    /** The reply is in: what accumulated meanwhile goes out now, before anyone's callbacks run. */
    private void sendNext() {
        List<Pending> next;
        synchronized (lock) {
            if (waiting.isEmpty()) {
                inFlight = false;
                return;
            }
            next = takeBatch();
        }
        send(next);
    }

    private void complete(List<Pending> batch, List<EnqueueResult> results, Throwable error) {
        Runnable task = () -> {
            for (int i = 0; i < batch.size(); i++) {
                if (error != null) {
                    batch.get(i).result().completeExceptionally(unwrap(error));
                } else {
                    batch.get(i).result().complete(results.get(i));
                }
            }
        };
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            task.run();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
