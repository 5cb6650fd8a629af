package io.managedqueue.extension.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.PreparedJob;
import io.managedqueue.extension.redis.QueueName;

/** {@link QueueTelemetry} on the OpenTelemetry API: spans from {@link JobTracing}, measurements into {@link JobMetrics}. */
final class OtelQueueTelemetry implements QueueTelemetry {

    private final MessagingAttributes attributes = new MessagingAttributes();
    private final JobTracing tracing;
    private final JobMetrics metrics;

    /**
     * @param tracer           where spans start
     * @param meter            where the instruments are registered
     * @param creationAsParent whether an attempt's span is a child of the creation context rather than linked to it
     */
    OtelQueueTelemetry(Tracer tracer, Meter meter, boolean creationAsParent) {
        this.tracing = new JobTracing(tracer, attributes, creationAsParent);
        this.metrics = new JobMetrics(meter);
    }

    @Override
    public <R> R send(List<PreparedJob> jobs, Function<List<PreparedJob>, R> call) {
        Send send = new Send(jobs);
        try {
            R result = call.apply(send.traced);
            send.end(null);
            return result;
        } catch (RuntimeException | Error e) {
            send.end(e);
            throw e;
        }
    }

    @Override
    public CompletionStage<EnqueueResult> sendAsync(PreparedJob job, Function<PreparedJob, CompletionStage<EnqueueResult>> call) {
        Send send = new Send(List.of(job));
        CompletionStage<EnqueueResult> result;
        try {
            result = call.apply(send.traced.get(0));
        } catch (RuntimeException | Error e) {
            send.end(e);
            throw e;
        }
        // a side branch: the caller's stage stays the one it was, with its own exception types
        result.whenComplete((ok, error) -> send.end(error));
        return result;
    }

    @Override
    public Attempt startAttempt(ClaimedJob job) {
        Attributes process = attributes.of(job.address()).process();
        metrics.consumed.add(1, process);
        return new TracedAttempt(tracing.startProcess(job), process, metrics.processDuration);
    }

    @Override
    public void retried(JobAddress address) {
        metrics.retried.add(1, attributes.of(address).job());
    }

    @Override
    public void failed(JobAddress address) {
        metrics.failed.add(1, attributes.of(address).job());
    }

    @Override
    public void stalled(JobAddress address) {
        metrics.stalled.add(1, attributes.of(address).job());
    }

    /** One enqueue round trip: its span, its start, and its jobs carrying the span's context. */
    private final class Send {
        final List<PreparedJob> jobs;
        final List<PreparedJob> traced;
        final Attributes base;
        final Span span;
        final long startNanos = System.nanoTime();

        Send(List<PreparedJob> jobs) {
            this.jobs = jobs;
            JobAddress first = jobs.get(0).address();
            QueueName queue = QueueName.of(first);
            boolean oneQueue = jobs.stream().allMatch(j -> queue.contains(j.address()));
            MessagingAttributes.OfAddress of = attributes.of(first);
            boolean oneAddress = oneQueue && jobs.stream().allMatch(j -> j.address().equals(first));
            this.base = oneAddress ? of.send() : oneQueue ? queueSend(first) : MessagingAttributes.SEND_ANYWHERE;
            this.span = tracing.startSend(jobs, base, oneQueue ? of.destination() : null);
            String parent = TraceParent.format(span.getSpanContext());
            if (parent == null) {
                traced = jobs;
            } else {
                traced = new ArrayList<>(jobs.size());
                jobs.forEach(j -> traced.add(j.withTraceParent(parent)));
            }
        }

        void end(Throwable error) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            Throwable cause = error != null && error.getCause() != null
                    && error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            metrics.operationDuration.record(seconds, cause == null ? base : MessagingAttributes.withError(base, cause));
            for (PreparedJob job : jobs) {
                Attributes sent = attributes.of(job.address()).send();
                metrics.sent.add(1, cause == null ? sent : MessagingAttributes.withError(sent, cause));
            }
            if (cause != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(cause.getMessage()));
                span.setAttribute(MessagingAttributes.ERROR_TYPE, cause.getClass().getName());
                span.recordException(cause);
            }
            span.end();
        }

        private Attributes queueSend(JobAddress first) {
            return MessagingAttributes.SEND_ANYWHERE.toBuilder()
                    .put(MessagingAttributes.DESTINATION, attributes.of(first).destination()).build();
        }
    }
}
