package io.managedqueue.extension.telemetry;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * What the platform reports to telemetry. Names no OpenTelemetry type, so code holding a
 * {@code QueueTelemetry} field loads without the OpenTelemetry API; that field is {@code null}
 * when the application has no OpenTelemetry, and callers test it before each call.
 */
public interface QueueTelemetry {

    /**
     * Runs one enqueue round trip inside a PRODUCER span, the jobs carrying its trace context.
     *
     * @param jobs the jobs of the round trip (one for {@code enqueue}, all for {@code enqueueAll} or a flow)
     * @param call the round trip, given the jobs with their creation context added
     * @param <R>  its result
     * @return what {@code call} returned
     */
    <R> R send(List<PreparedJob> jobs, Function<List<PreparedJob>, R> call);

    /**
     * {@link #send} for an asynchronous enqueue: the span ends when the returned stage completes.
     *
     * @param job  the job
     * @param call the asynchronous enqueue, given the job with its creation context added
     * @return the stage {@code call} returned, unchanged
     */
    CompletionStage<EnqueueResult> sendAsync(PreparedJob job, Function<PreparedJob, CompletionStage<EnqueueResult>> call);

    /**
     * Opens the CONSUMER span of one attempt and makes it current on this thread, so the handler's
     * own calls nest under it. {@link Attempt#end} must be called on the same thread.
     *
     * @param job the claimed job
     * @return the open attempt
     */
    Attempt startAttempt(ClaimedJob job);

    /** @param address a job's address: one of its attempts failed and a retry is scheduled */
    void retried(JobAddress address);

    /** @param address a job's address: it failed for good */
    void failed(JobAddress address);

    /** @param address a job's address: its worker stopped renewing its lease */
    void stalled(JobAddress address);

    /** One attempt's span, current on the handler thread until {@link #end}. */
    interface Attempt {

        /** @param failure what the handler threw, or {@code null} on success */
        void end(Throwable failure);

        /** @return the attempt's trace id, for log lines; {@code null} when it is not traced */
        String traceId();
    }

    /**
     * @param telemetry the telemetry, or {@code null}
     * @return {@code " (trace <id>)"} for a log line about a traced attempt, else {@code ""}
     */
    static String logSuffix(Attempt telemetry) {
        String traceId = telemetry == null ? null : telemetry.traceId();
        return traceId == null ? "" : " (trace " + traceId + ")";
    }
}
