package io.managedqueue.extension;

import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * An OpenTelemetry SDK exporting to memory, given to the containers as the application's
 * {@link OpenTelemetry} bean, as MicroProfile Telemetry does. One per test.
 */
final class TelemetryFixture implements AutoCloseable {

    /** The application's OpenTelemetry bean; add this class to a container to give it one. */
    @Dependent
    public static class Producer {
        @Produces
        OpenTelemetry openTelemetry() {
            return current.sdk;
        }
    }

    private static volatile TelemetryFixture current;

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    TelemetryFixture() {
        current = this;
    }

    List<SpanData> spansNamed(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    /** @return every attribute set a span, link, event or metric point carries */
    List<Attributes> allAttributes() {
        List<Attributes> all = new java.util.ArrayList<>();
        for (SpanData span : spans.getFinishedSpanItems()) {
            all.add(span.getAttributes());
            span.getLinks().forEach(l -> all.add(l.getAttributes()));
        }
        for (MetricData metric : metrics.collectAllMetrics()) {
            metric.getData().getPoints().forEach(p -> all.add(p.getAttributes()));
        }
        return all;
    }

    @Override
    public void close() {
        sdk.close();
        current = null;
    }
}
