/**
 * Internal. Metrics and traces through the OpenTelemetry API, following the OpenTelemetry semantic
 * conventions for messaging (semconv 1.36.0), registered only when the application has an
 * {@code io.opentelemetry.api.OpenTelemetry} bean (MicroProfile Telemetry 2.x provides one).
 *
 * <p>{@link io.managedqueue.extension.telemetry.QueueTelemetry} and
 * {@link io.managedqueue.extension.telemetry.TelemetrySource} name no OpenTelemetry type: the
 * engine and the service hold a {@code QueueTelemetry} that is {@code null} without
 * OpenTelemetry, so the hot path costs one null check and no OpenTelemetry class is loaded. Every
 * other class here touches OpenTelemetry and is loaded only through {@link OpenTelemetryBridge},
 * which the extension registers only when the OpenTelemetry API is on the class path.
 *
 * <p>No attribute carries a tenant id: for cardinality, and so that one tenant's volume never
 * shows to another. The W3C trace context is copied into a job without baggage for the same reason.
 */
package io.managedqueue.extension.telemetry;
