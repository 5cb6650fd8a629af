package io.managedqueue.extension.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.RetryOutcome;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * Runs one attempt on a handler thread. A failure is stored here (retried after its backoff, or
 * failed for good); a success is handed back to the caller, which stores completions in batches
 * with the next claim. Storing is retried while Redis is unreachable, up to the lease duration;
 * after that the lease has expired and another worker runs the job again.
 */
final class AttemptRunner {

    private static final Logger LOG = Logger.getLogger(AttemptRunner.class.getName());
    private static final int MAX_ERROR_LENGTH = 4000;

    private final JobStore store;
    private final PayloadCodec codec;
    private final JobRunner runner;
    private final JobEventSink events;
    /** {@code null} without OpenTelemetry: an attempt then costs one null check. */
    private final QueueTelemetry telemetry;
    private final Duration storeRetryWindow;
    private final Predicate<ClaimedJob> handedBack;
    private final Consumer<ClaimedJob> handlerReturned;

    AttemptRunner(JobStore store, PayloadCodec codec, JobRunner runner, JobEventSink events, QueueTelemetry telemetry,
                  Duration storeRetryWindow, Predicate<ClaimedJob> handedBack, Consumer<ClaimedJob> handlerReturned) {
        this.telemetry = telemetry;
        this.handedBack = handedBack;
        this.handlerReturned = handlerReturned;
        this.store = store;
        this.codec = codec;
        this.runner = runner;
        this.events = events;
        this.storeRetryWindow = storeRetryWindow;
    }

    /** @return whether the attempt succeeded and its completion still has to be stored */
    boolean run(HandlerDescriptor handler, ClaimedJob job) {
        Throwable failure = null;
        boolean unreadable = false;
        QueueTelemetry.Attempt traced = telemetry == null ? null : telemetry.startAttempt(job);
        try {
            Object data;
            try {
                data = codec.fromJson(job.payloadJson(), handler.payloadType());
            } catch (RuntimeException e) {
                unreadable = true;
                throw new IllegalStateException("payload cannot be read as " + handler.payloadType().getTypeName()
                        + " (" + e + "): " + abbreviate(job.payloadJson()), e);
            }
            runner.run(handler, new JobExecution<>(job, data, store, codec));
        } catch (Throwable t) { // an Error thrown by a handler fails its attempt like any exception
            failure = t;
        }
        if (traced != null) {
            traced.end(failure); // the span covers the handler, not the storing of its outcome
        }
        handlerReturned.accept(job);
        if (handedBack.test(job)) {
            return false; // shutdown gave the job back to its queue; its outcome here no longer counts
        }
        if (failure == null) {
            return true;
        }
        try {
            recordFailure(job, failure, unreadable, QueueTelemetry.logSuffix(traced));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: could not store the failure of " + job.ref().publicId()
                    + QueueTelemetry.logSuffix(traced) + "; it runs again once its lease expires", e);
        }
        return false;
    }

    /**
     * @param permanent a failure no retry can cure (an unreadable payload): fail the job at once
     * @param trace     the attempt's trace, for log lines ({@code ""} when untraced)
     */
    private void recordFailure(ClaimedJob job, Throwable failure, boolean permanent, String trace) {
        String error = describe(failure);
        long backoff = job.backoff().delayAfter(job.attemptsMade(), ThreadLocalRandom.current().nextDouble()).toMillis();
        RetryOutcome outcome = withRetries(() -> store.retryOrFail(job, error, backoff, permanent));
        switch (outcome.kind()) {
            case FAILED -> {
                if (telemetry != null) {
                    telemetry.failed(job.address());
                }
                LOG.log(Level.WARNING, "Managed queue: " + job.ref().publicId() + trace + " failed after " + outcome.attemptsMade()
                        + " attempt(s): " + error);
                events.failed(new JobFailed(job.ref().publicId(), job.address(), job.scope().tenantId(),
                        job.scope().organizationId(), outcome.attemptsMade(), error, outcome.at()));
            }
            case RETRY_SCHEDULED -> {
                if (telemetry != null) {
                    telemetry.retried(job.address());
                }
                events.retryScheduled(new JobRetryScheduled(job.ref().publicId(), job.address(),
                        job.scope().tenantId(), job.scope().organizationId(), outcome.attemptsMade(), error, outcome.at()));
            }
            case LEASE_LOST -> LOG.warning("Managed queue: " + job.ref().publicId() + trace + " failed after its lease was lost: "
                    + error);
        }
    }

    private <T> T withRetries(Supplier<T> storeCall) {
        long deadline = System.nanoTime() + storeRetryWindow.toNanos();
        long pause = 50;
        while (true) {
            try {
                return storeCall.get();
            } catch (ManagedQueueException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    private static String abbreviate(String json) {
        return json == null || json.length() <= 200 ? String.valueOf(json) : json.substring(0, 200) + "...";
    }

    static String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
    }
}
