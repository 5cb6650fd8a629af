package io.managedqueue.extension.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The W3C {@code traceparent} form of a span context ({@code 00-<trace id>-<span id>-<flags>}),
 * written by hand rather than through the application's propagators: those may add baggage,
 * which can carry a tenant, and a job must hold nothing but the creation span's identity.
 */
final class TraceParent {

    private static final int LENGTH = 55;

    private TraceParent() {
    }

    /** @return the traceparent of {@code context}, or {@code null} when it is not valid (an unsampled no-op span) */
    static String format(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** @return the remote span context {@code value} names, or {@code null} when absent or malformed */
    static SpanContext parse(String value) {
        if (value == null || value.length() != LENGTH || !value.startsWith("00-") || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return null;
        }
        SpanContext context = SpanContext.createFromRemoteParent(value.substring(3, 35), value.substring(36, 52),
                TraceFlags.fromHex(value, 53), TraceState.getDefault());
        return context.isValid() ? context : null;
    }
}
