package io.managedqueue.extension.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.Settlement;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * Runs one attempt on a handler thread and says how it ended, without a call to Redis of its own: the
 * caller hands the {@link Settlement} to the address's worker, whose next claim stores it with other
 * completions and failures in one round trip (claim-settle.lua). A failure is described here (its
 * error text, its backoff with jitter, whether a retry could cure it); what Redis made of it (retried
 * or failed for good) is reported from the claim's reply ({@link ClaimReplyEvents}).
 */
final class AttemptRunner {

    private static final int MAX_ERROR_LENGTH = 4000;

    private final JobStore store;
    private final PayloadCodec codec;
    private final JobRunner runner;
    /** {@code null} without OpenTelemetry: an attempt then costs one null check. */
    private final QueueTelemetry telemetry;
    private final Predicate<ClaimedJob> handedBack;
    private final Consumer<ClaimedJob> handlerReturned;

    /** @param store what the handler's job writes through ({@code updateData}, {@code log}, ...) */
    AttemptRunner(JobStore store, PayloadCodec codec, JobRunner runner, QueueTelemetry telemetry,
                  Predicate<ClaimedJob> handedBack, Consumer<ClaimedJob> handlerReturned) {
        this.telemetry = telemetry;
        this.handedBack = handedBack;
        this.handlerReturned = handlerReturned;
        this.store = store;
        this.codec = codec;
        this.runner = runner;
    }

    /**
     * @return the attempt's outcome, still to store, or {@code null} when shutdown handed the job back
     *         meanwhile (its outcome here no longer counts)
     */
    Settlement run(HandlerDescriptor handler, ClaimedJob job) {
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
            return null;
        }
        if (failure == null) {
            return Settlement.completed(job);
        }
        return Settlement.failed(job, describeFailure(job, failure, unreadable, QueueTelemetry.logSuffix(traced)));
    }

    /**
     * @param permanent a failure no retry can cure (an unreadable payload): fail the job at once
     * @param trace     the attempt's trace, for log lines ({@code ""} when untraced)
     */
    private static Settlement.Failure describeFailure(ClaimedJob job, Throwable failure, boolean permanent, String trace) {
        long backoff = job.backoff().delayAfter(job.attemptsMade(), ThreadLocalRandom.current().nextDouble()).toMillis();
        return new Settlement.Failure(describe(failure), backoff, permanent, trace);
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
