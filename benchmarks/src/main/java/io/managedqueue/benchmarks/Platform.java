package io.managedqueue.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.extension.cdi.ManagedQueueExtension;

/**
 * One booted platform: a Weld SE container with the platform's extension, configured through system
 * properties read by SmallRye Config, exactly as the extension's own tests boot it. A container is
 * a "process" of the platform; each scenario gets a fresh key prefix.
 */
final class Platform implements AutoCloseable {

    /** Weld SE refuses to start without a bean class; a producer-only container gets this one. */
    @Dependent
    public static class Marker {
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Set once from {@code --telemetry}: every container then has the application's OpenTelemetry bean. */
    static volatile boolean telemetry;

    private final WeldContainer container;
    private final ManagedQueueService queue;

    private Platform(WeldContainer container) {
        this.container = container;
        this.queue = container.select(ManagedQueueService.class).get();
    }

    /**
     * @param settings    managed-queue.* settings for this container
     * @param withHandler whether the container runs the benchmark handler (and so workers)
     */
    static Platform boot(Map<String, String> settings, boolean withHandler) {
        settings.forEach(System::setProperty);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        List<Class<?>> beans = new ArrayList<>(List.of(Marker.class));
        if (telemetry) {
            beans.add(BenchTelemetry.class);
        }
        if (withHandler) {
            beans.addAll(List.of(BenchHandler.class, CompletionObserver.class, StartMarker.class));
        }
        Weld weld = new Weld("mq-bench-" + COUNTER.incrementAndGet())
                .disableDiscovery()
                .property("org.jboss.weld.se.shutdownHook", false)
                .addExtension(new ManagedQueueExtension())
                .addBeanClasses(beans.toArray(Class<?>[]::new));
        try {
            Platform platform = new Platform(weld.initialize());
            platform.queue.getRedis(); // the platform's runtime (configuration, Redis client) exists from here on
            return platform;
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    ManagedQueueService queue() {
        return queue;
    }

    @Override
    public void close() {
        if (container.isRunning()) {
            container.shutdown();
        }
    }

    /** The settings every container of a scenario shares. */
    static Map<String, String> settings(Bench.Options o, String keyPrefix) {
        Map<String, String> s = new LinkedHashMap<>();
        if (o.redisConfigFile != null) {
            s.put("managed-queue.redis.config-file", o.redisConfigFile);
        } else {
            s.put("managed-queue.redis.address", "redis://" + o.host + ":" + o.port);
        }
        if (o.replicaAcks != null) {
            s.put("managed-queue.redis.replica-acks", o.replicaAcks);
        }
        s.put("managed-queue.key-prefix", keyPrefix);
        s.put("managed-queue.shutdown.grace-period", "PT5S");
        return s;
    }
}
