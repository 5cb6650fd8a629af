package io.managedqueue.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code --telemetry}: the application's OpenTelemetry bean, as MicroProfile Telemetry provides one,
 * with the SDK's usual batch span processor and periodic metric reader in front of exporters that
 * drop what they get. So the run pays what the platform's spans and metrics cost in the JVM, and no
 * network or console time.
 */
@ApplicationScoped
public class BenchTelemetry {

    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new DroppedSpans()).build()).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(PeriodicMetricReader.create(new DroppedMetrics())).build())
            .build();

    @Produces
    OpenTelemetry openTelemetry() {
        return sdk;
    }

    @PreDestroy
    void close() {
        sdk.close();
        // on stderr, so a run shows the platform really traced (the JSON lines stay on stdout)
        System.err.println("telemetry: " + DroppedSpans.COUNT.get() + " spans ended and dropped");
    }

    private static final class DroppedSpans implements SpanExporter {
        static final AtomicLong COUNT = new AtomicLong();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            COUNT.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static final class DroppedMetrics implements MetricExporter {
        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
