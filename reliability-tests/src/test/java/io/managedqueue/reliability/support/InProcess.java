package io.managedqueue.reliability.support;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.extension.cdi.ManagedQueueExtension;

/**
 * The platform in a Weld SE container inside the test JVM (a producer, or an in-process worker),
 * configured through system properties read by SmallRye Config, as in the extension's own tests.
 */
public final class InProcess implements AutoCloseable {

    /** Weld SE refuses to start without a bean class; a producer-only container gets this one. */
    @jakarta.enterprise.context.Dependent
    public static class Marker {
    }

    private static int counter;
    private final WeldContainer container;

    private InProcess(WeldContainer container) {
        this.container = container;
    }

    /**
     * @param settings       {@code managed-queue.*} keys for this container
     * @param faultTolerance whether to add SmallRye Fault Tolerance (and the MicroProfile Config CDI extension)
     * @param beans          handler and helper bean classes
     */
    public static synchronized InProcess start(Map<String, String> settings, boolean faultTolerance, Class<?>... beans) {
        settings.forEach(System::setProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        Weld weld = new Weld("rel-in-process-" + (++counter))
                .disableDiscovery()
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                .addExtension(new ManagedQueueExtension())
                .addBeanClasses(beans)
                .addBeanClass(Marker.class);
        if (faultTolerance) {
            weld.addExtension(new io.smallrye.config.inject.ConfigExtension())
                    .addExtension(new io.smallrye.faulttolerance.FaultToleranceExtension(
                            io.smallrye.faulttolerance.metrics.MetricsIntegration.NOOP));
        }
        try {
            InProcess platform = new InProcess(weld.initialize());
            ProcessRegistry.onExit(platform::close);
            return platform;
        } finally {
            settings.keySet().forEach(System::clearProperty);
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
    }

    public ManagedQueueService queue() {
        return container.select(ManagedQueueService.class).get();
    }

    public <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    public WeldContainer container() {
        return container;
    }

    /** Graceful shutdown of the container (the platform's grace period applies). */
    @Override
    public void close() {
        if (container.isRunning()) {
            container.shutdown();
        }
    }
}
