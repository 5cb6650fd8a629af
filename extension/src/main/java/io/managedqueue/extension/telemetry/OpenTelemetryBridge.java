package io.managedqueue.extension.telemetry;

import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;

import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.extension.cdi.QueueRuntime;

/**
 * The platform's telemetry on the application's {@link OpenTelemetry} bean. Registered by the
 * extension only when the OpenTelemetry API is on the class path; without an {@code OpenTelemetry}
 * bean (or with {@code managed-queue.telemetry.enabled=false}) it builds nothing and
 * {@link #telemetry()} is {@code null}.
 */
@ApplicationScoped
public class OpenTelemetryBridge implements TelemetrySource {

    /** The instrumentation scope of every span and instrument. */
    static final String SCOPE = "io.managedqueue";
    /** The semantic conventions the names and attributes follow. */
    static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.36.0";

    private static final Logger LOG = Logger.getLogger(OpenTelemetryBridge.class.getName());

    @Inject
    Instance<OpenTelemetry> openTelemetry;
    @Inject
    Instance<ManagedQueueAdmin> admin;
    @Inject
    QueueRuntime runtime;

    private QueueTelemetry telemetry;

    @PostConstruct
    void open() {
        TelemetrySettings settings = TelemetrySettings.read(ConfigProvider.getConfig());
        if (!settings.enabled() || !openTelemetry.isResolvable()) {
            return;
        }
        OpenTelemetry otel = openTelemetry.get();
        Meter meter = otel.meterBuilder(SCOPE).setSchemaUrl(SCHEMA_URL).build();
        telemetry = new OtelQueueTelemetry(otel.tracerBuilder(SCOPE).setSchemaUrl(SCHEMA_URL).build(), meter,
                settings.creationAsParent());
        startDepthGauges(meter, settings);
        LOG.info("Managed queue: OpenTelemetry metrics and traces on (creation context as "
                + (settings.creationAsParent() ? "parent" : "link") + ")");
    }

    private void startDepthGauges(Meter meter, TelemetrySettings settings) {
        if (!admin.isResolvable()) {
            LOG.info("Managed queue: no ManagedQueueAdmin bean; the queue depth gauges are off");
            return;
        }
        ReporterLease lease = new ReporterLease(runtime.redis(), runtime.store().keys().telemetryReporter(),
                UUID.randomUUID().toString(), settings.depthReportInterval().multipliedBy(3));
        QueueDepthReporter reporter = new QueueDepthReporter(lease,
                () -> admin.get().withoutTenantScope().queues(), settings.depthReportInterval());
        QueueDepthGauges gauges = new QueueDepthGauges(meter, reporter);
        reporter.start(runtime.threads());
        runtime.beforeClose(() -> {
            gauges.close();
            reporter.stop();
        });
    }

    @Override
    public QueueTelemetry telemetry() {
        return telemetry;
    }
}
