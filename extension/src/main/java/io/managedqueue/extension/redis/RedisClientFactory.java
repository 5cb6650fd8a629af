package io.managedqueue.extension.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.ConstantDelay;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SubscriptionMode;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.TransportMode;

import io.managedqueue.extension.config.QueueConfig;

/**
 * Builds the Redisson client from {@code managed-queue.redis.*}: a Redisson YAML file, else
 * Cluster addresses, else Sentinel, else a single address (default {@code redis://127.0.0.1:6379}).
 */
public final class RedisClientFactory {

    private static final Logger LOG = Logger.getLogger(RedisClientFactory.class.getName());
    static final String DEFAULT_ADDRESS = "redis://127.0.0.1:6379";

    private RedisClientFactory() {
    }

    /**
     * @param settings        the connection settings
     * @param fallbackAddress the address to use when none is configured (an embedded Redis), or {@code null}
     * @return a connected client
     */
    public static RedissonClient create(QueueConfig.RedisSettings settings, String fallbackAddress) {
        Config config = settings.configFile().map(RedisClientFactory::fromYaml).orElseGet(() -> clientDefaults(fromSettings(settings, fallbackAddress)));
        // Scripts run by SHA, reloaded on NOSCRIPT: one script text on the wire per connection, not per call.
        config.setUseScriptCache(true);
        return Redisson.create(config);
    }

    /**
     * Client settings of our own, for a client built from {@code managed-queue.redis.*} (a Redisson
     * YAML file is taken as it is: the user's settings win).
     * <p>Redisson references off: with them on, Redisson checks every argument of every command for a
     * live-object annotation ({@code RedissonObjectBuilder.toReference}), 14 % of the client's CPU in
     * the bulk-enqueue profile, for a feature the platform never uses (it stores strings, not Redisson
     * objects inside Redisson objects). Plugins that want to store Redisson objects by reference through
     * {@code getRedis()} need a YAML file with {@code referenceEnabled: true}.
     * <p>Netty's native epoll transport when the application has it on the class path (see
     * {@link #nativeEpollAvailable()}), else Redisson's default, NIO.
     */
    static Config clientDefaults(Config config) {
        config.setReferenceEnabled(false);
        // connect on first use, and again on every use until Redis answers: an application whose Redis
        // is down at start-up starts (readiness DOWN) and its workers begin when Redis appears
        config.setLazyInitialization(true);
        if (nativeEpollAvailable()) {
            // fewer system calls per round trip than NIO; Redisson itself would fail, not fall back, so only when it loads
            config.setTransportMode(TransportMode.EPOLL);
            LOG.info("Managed queue: Redis client on Netty's native epoll transport");
        }
        return config;
    }

    /**
     * Whether Netty's native epoll transport can be used: its classes are on the class path (the optional
     * {@code io.netty:netty-transport-native-epoll} artifact, with the platform's classifier) and its
     * library loads here. Asked through the class loader of Redisson's Netty, which is the one that will use it.
     */
    public static boolean nativeEpollAvailable() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll", true, Config.class.getClassLoader());
            return Boolean.TRUE.equals(epoll.getMethod("isAvailable").invoke(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static Config fromYaml(String file) {
        try {
            return Config.fromYAML(new File(file));
        } catch (IOException e) {
            throw new UncheckedIOException("managed-queue.redis.config-file: cannot read " + file, e);
        }
    }

    private static Config fromSettings(QueueConfig.RedisSettings s, String fallbackAddress) {
        Config config = new Config();
        if (!s.clusterAddresses().isEmpty()) {
            ClusterServersConfig cluster = masterReads(timeouts(config.useClusterServers(), s))
                    .setScanInterval((int) s.scanInterval().toMillis());
            s.clusterAddresses().forEach(cluster::addNodeAddress);
            s.username().ifPresent(cluster::setUsername);
            s.password().ifPresent(cluster::setPassword);
            LOG.info("Managed queue: Redis Cluster " + s.clusterAddresses() + ", state changes acknowledged by "
                    + s.effectiveReplicaAcks() + " replica(s)");
        } else if (s.sentinelMaster().isPresent()) {
            if (s.sentinelAddresses().isEmpty()) {
                throw new IllegalArgumentException("managed-queue.redis.sentinel.addresses is required with managed-queue.redis.sentinel.master-name");
            }
            SentinelServersConfig sentinel = masterReads(timeouts(config.useSentinelServers(), s))
                    .setMasterName(s.sentinelMaster().get()).setDatabase(s.database())
                    .setScanInterval((int) s.scanInterval().toMillis());
            s.sentinelAddresses().forEach(sentinel::addSentinelAddress);
            s.username().ifPresent(sentinel::setUsername);
            s.password().ifPresent(sentinel::setPassword);
            LOG.info("Managed queue: Redis Sentinel master " + s.sentinelMaster().get() + " via " + s.sentinelAddresses()
                    + ", state changes acknowledged by " + s.effectiveReplicaAcks() + " replica(s)");
        } else {
            String address = s.address().orElse(fallbackAddress != null ? fallbackAddress : DEFAULT_ADDRESS);
            SingleServerConfig single = timeouts(config.useSingleServer(), s).setAddress(address).setDatabase(s.database());
            s.username().ifPresent(single::setUsername);
            s.password().ifPresent(single::setPassword);
            LOG.info("Managed queue: Redis at " + address + " database " + s.database());
        }
        return config;
    }

    /**
     * Job state is read where it is written: a replica may not have a write acknowledged a moment ago
     * (Redisson's default reads from replicas), and during a failover it may never get it.
     */
    private static <T extends BaseMasterSlaveServersConfig<T>> T masterReads(T server) {
        return server.setReadMode(ReadMode.MASTER).setSubscriptionMode(SubscriptionMode.MASTER);
    }

    /**
     * A call fails after {@code timeout × (retryAttempts + 1) + retryInterval × retryAttempts} at most
     * (with the defaults about 15 s): a Redis outage surfaces as an exception, never a hang.
     */
    private static <T extends BaseConfig<T>> T timeouts(T server, QueueConfig.RedisSettings s) {
        return server.setTimeout((int) s.timeout().toMillis())
                .setRetryAttempts(s.retryAttempts())
                .setRetryDelay(new ConstantDelay(s.retryInterval()));
    }
}
