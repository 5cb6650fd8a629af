package io.managedqueue.extension.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/** One attempt's CONSUMER span, current on the handler thread from creation until {@link #end}. */
final class TracedAttempt implements QueueTelemetry.Attempt {

    private final Span span;
    private final Scope scope;
    private final Attributes process;
    private final DoubleHistogram duration;
    private final long startNanos = System.nanoTime();

    TracedAttempt(Span span, Attributes process, DoubleHistogram duration) {
        this.span = span;
        this.process = process;
        this.duration = duration;
        this.scope = span.makeCurrent();
    }

    @Override
    public void end(Throwable failure) {
        scope.close();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (failure == null) {
            duration.record(seconds, process);
        } else {
            duration.record(seconds, MessagingAttributes.withError(process, failure));
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            span.setAttribute(MessagingAttributes.ERROR_TYPE, failure.getClass().getName());
            span.recordException(failure);
        }
        span.end();
    }

    @Override
    public String traceId() {
        return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
    }
}
