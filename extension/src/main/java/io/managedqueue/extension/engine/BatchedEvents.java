package io.managedqueue.extension.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;

/**
 * The outcome events of claim replies ({@link JobCompleted}, {@link JobRetryScheduled}, {@link JobFailed}),
 * fired in the order they were added by one handler-thread task per claim reply, not one per job:
 * observers never run on the dispatcher, so a slow one cannot hold up claiming, and a reply settling
 * fifty jobs costs one thread hop.
 */
final class BatchedEvents {

    private final JobEventSink events;
    private final Executor dispatcher;
    private final Executor handlerThreads;
    /** Events not yet handed to a handler thread: each is one of the three types above. */
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    BatchedEvents(JobEventSink events, Executor dispatcher, Executor handlerThreads) {
        this.events = events;
        this.dispatcher = dispatcher;
        this.handlerThreads = handlerThreads;
    }

    /** Called on the dispatcher while it settles a claim reply. */
    void add(Object event) {
        pending.add(event);
        if (flushQueued.compareAndSet(false, true)) {
            // queued behind the task settling this claim reply (the dispatcher is one thread), so it
            // collects every event of the reply
            try {
                dispatcher.execute(this::flush);
            } catch (RejectedExecutionException e) {
                flush();
            }
        }
    }

    /** Hands the queued events to one handler-thread task, which fires them in order. */
    private void flush() {
        flushQueued.set(false);
        List<Object> batch = new ArrayList<>();
        for (Object event; (event = pending.poll()) != null; ) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        Runnable fire = () -> batch.forEach(this::fire);
        try {
            handlerThreads.execute(fire);
        } catch (RejectedExecutionException e) {
            fire.run(); // shutting down: fire here rather than drop them
        }
    }

    private void fire(Object event) {
        if (event instanceof JobCompleted completed) {
            events.completed(completed);
        } else if (event instanceof JobRetryScheduled retry) {
            events.retryScheduled(retry);
        } else {
            events.failed((JobFailed) event);
        }
    }
}
