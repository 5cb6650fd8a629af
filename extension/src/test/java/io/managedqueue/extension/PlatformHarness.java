package io.managedqueue.extension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.extension.cdi.ManagedQueueExtension;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.testing.TestRedis;
import io.managedqueue.testing.TestTimeouts;

/**
 * Boots the platform in a real Weld SE container against the test Redis, with a key prefix of
 * its own, and gives tests a separate Redis client to inspect what was written.
 * Several containers may run at once (two "processes" sharing one Redis).
 */
public final class PlatformHarness implements AutoCloseable {

    /** Weld SE refuses to start without any bean class; a container of only platform beans gets this one. */
    @jakarta.enterprise.context.Dependent
    public static class Marker {
    }

    private final String keyPrefix;
    private final Map<String, String> settings = new HashMap<>();
    private final List<WeldContainer> containers = new ArrayList<>();
    private RedissonClient inspector;

    public PlatformHarness(String testName) {
        this.keyPrefix = TestRedis.uniquePrefix(testName);
        settings.put("managed-queue.redis.address", TestRedis.address());
        settings.put("managed-queue.key-prefix", keyPrefix);
        settings.put("managed-queue.shutdown.grace-period", "PT5S");
    }

    /** Sets a configuration value for containers started afterwards. */
    public PlatformHarness with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Starts a container holding the platform and the given beans. */
    public WeldContainer start(Class<?>... beans) {
        return start(weld(beans));
    }

    /** Starts a container holding the platform and the given beans, the Weld set-up changed by {@code customize}. */
    public WeldContainer start(java.util.function.UnaryOperator<Weld> customize, Class<?>... beans) {
        return start(customize.apply(weld(beans)));
    }

    /** Starts a container with SmallRye Fault Tolerance enabled too. */
    public WeldContainer startWithFaultTolerance(Class<?>... beans) {
        return start(weld(beans)
                .addExtension(new io.smallrye.config.inject.ConfigExtension())
                .addExtension(new io.smallrye.faulttolerance.FaultToleranceExtension(
                        io.smallrye.faulttolerance.metrics.MetricsIntegration.NOOP)));
    }

    private Weld weld(Class<?>... beans) {
        return new Weld("mq-" + keyPrefix + "-" + containers.size())
                .disableDiscovery()
                .addExtension(new ManagedQueueExtension())
                .addBeanClasses(beans)
                .addBeanClass(Marker.class);
    }

    private WeldContainer start(Weld weld) {
        applySettings();
        WeldContainer container = weld.initialize();
        containers.add(container);
        return container;
    }

    public ManagedQueueService queue(WeldContainer container) {
        return container.select(ManagedQueueService.class).get();
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /** @return the platform's key builder under this test's prefix: tests name keys through it, never by hand */
    public RedisKeys keys() {
        return new RedisKeys(keyPrefix);
    }

    /** @return how many Redis keys this test's platform wrote */
    public long keyCount() {
        return inspector().getKeys().getKeysStreamByPattern(keyPrefix + ":*").count();
    }

    /** @return a client of our own, to read what the platform wrote */
    public RedissonClient inspector() {
        if (inspector == null) {
            Config config = new Config();
            config.useSingleServer().setAddress(TestRedis.address());
            config.setCodec(StringCodec.INSTANCE);
            inspector = Redisson.create(config);
        }
        return inspector;
    }

    public static Duration timeout(long seconds) {
        return TestTimeouts.seconds(seconds);
    }

    /** Stops one container (graceful platform shutdown). */
    public void stop(WeldContainer container) {
        if (container.isRunning()) {
            container.shutdown();
        }
    }

    @Override
    public void close() {
        for (WeldContainer container : containers) {
            stop(container);
        }
        if (inspector != null) {
            inspector.getKeys().deleteByPattern(keyPrefix + ":*");
            inspector.shutdown();
        }
        settings.keySet().forEach(System::clearProperty);
        releaseConfig();
    }

    private void applySettings() {
        settings.forEach(System::setProperty);
        releaseConfig();
    }

    /** SmallRye Config caches per class loader; each container must see this test's settings. */
    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
