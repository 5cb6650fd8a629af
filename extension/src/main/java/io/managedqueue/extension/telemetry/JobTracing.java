package io.managedqueue.extension.telemetry;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * Starts the platform's spans: a PRODUCER span per enqueue round trip, a child of the caller's
 * current span, and a CONSUMER span per attempt that links to (or, configured so, continues)
 * the creation context stored in the job. A job without one (a scheduled tick, or one enqueued
 * while tracing was off) starts a trace of its own.
 */
final class JobTracing {

    private final Tracer tracer;
    private final MessagingAttributes attributes;
    private final boolean creationAsParent;

    JobTracing(Tracer tracer, MessagingAttributes attributes, boolean creationAsParent) {
        this.tracer = tracer;
        this.attributes = attributes;
        this.creationAsParent = creationAsParent;
    }

    /** @return the span of one round trip sending {@code jobs}, started as a child of the current context */
    Span startSend(List<PreparedJob> jobs, Attributes base, String destination) {
        SpanBuilder span = tracer.spanBuilder(destination == null ? "send" : "send " + destination)
                .setSpanKind(SpanKind.PRODUCER)
                .setAllAttributes(base);
        if (jobs.size() == 1) {
            // the local id: the public id embeds the tenant, which no attribute may carry
            span.setAttribute(MessagingAttributes.MESSAGE_ID, jobs.get(0).ref().localId());
        } else {
            span.setAttribute(MessagingAttributes.BATCH_COUNT, (long) jobs.size());
        }
        return span.startSpan();
    }

    /** @return the span of one attempt, not yet current */
    Span startProcess(ClaimedJob job) {
        MessagingAttributes.OfAddress of = attributes.of(job.address());
        SpanBuilder span = tracer.spanBuilder("process " + of.destination())
                .setSpanKind(SpanKind.CONSUMER)
                .setAllAttributes(of.process())
                .setAttribute(MessagingAttributes.MESSAGE_ID, job.ref().localId())
                .setAttribute(MessagingAttributes.ATTEMPT, (long) job.attemptsMade());
        SpanContext creation = TraceParent.parse(job.traceParent());
        if (creation == null) {
            span.setNoParent();
        } else if (creationAsParent) {
            span.setParent(Context.root().with(Span.wrap(creation)));
        } else {
            // every attempt, retries and stall re-runs included, links to the one creation context
            span.setNoParent().addLink(creation);
        }
        return span.startSpan();
    }
}
