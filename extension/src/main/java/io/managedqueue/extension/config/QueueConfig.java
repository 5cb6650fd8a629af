package io.managedqueue.extension.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.Config;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.Retention;

/**
 * Every {@code managed-queue.*} setting, read once from MicroProfile Config at start-up and
 * validated: a bad value fails start-up with a message naming the key. The README lists the
 * keys with their defaults.
 */
public final class QueueConfig {

    public static final String PREFIX = "managed-queue.";

    private final Config config;
    public final RedisSettings redis;
    public final String keyPrefix;
    public final boolean workerEnabled;
    public final Duration pollInterval;
    /** How often a process with workers tells operators it is alive; listed until three intervals of silence. */
    public final Duration heartbeatInterval;
    public final Duration leaseDuration;
    public final int maxStalls;
    public final int defaultAttempts;
    public final Backoff defaultBackoff;
    public final Retention completedRetention;
    public final Retention failedRetention;
    public final int payloadMaxBytes;
    public final Duration shutdownGracePeriod;
    public final boolean failOnEvictionPolicy;

    /**
     * Connection settings; exactly one of address, sentinel, cluster or config file applies.
     * {@code replicaAcks} is empty for "by topology" (0 on a single server, 1 on Sentinel and Cluster);
     * {@code scanInterval} is how often Redisson re-reads a Sentinel or Cluster topology.
     */
    public record RedisSettings(Optional<String> address, Optional<String> username, Optional<String> password,
                                int database, Optional<String> sentinelMaster, List<String> sentinelAddresses,
                                List<String> clusterAddresses, Optional<String> configFile, Duration timeout,
                                int retryAttempts, Duration retryInterval, boolean embedded,
                                OptionalInt replicaAcks, Duration replicaAckTimeout, Duration scanInterval) {

        /** @return whether Redis is a replicated topology (Sentinel or Cluster) configured by keys */
        public boolean replicated() {
            return !clusterAddresses.isEmpty() || sentinelMaster.isPresent();
        }

        /** @return the replicas every state change must reach: the setting, else 1 when replicated, else 0 */
        public int effectiveReplicaAcks() {
            return replicaAcks.orElse(replicated() ? 1 : 0);
        }
    }

    public QueueConfig(Config config) {
        this.config = config;
        this.redis = new RedisSettings(
                string("redis.address"), string("redis.username"), string("redis.password"),
                integer("redis.database", 0, 0),
                string("redis.sentinel.master-name"), list("redis.sentinel.addresses"),
                list("redis.cluster.addresses"), string("redis.config-file"),
                positive("redis.timeout", "PT3S"),
                integer("redis.retry-attempts", 3, 0), duration("redis.retry-interval", "PT1S"),
                bool("redis.embedded", false),
                string("redis.replica-acks").map(v -> OptionalInt.of(parseInt("redis.replica-acks", v, 0))).orElse(OptionalInt.empty()),
                positive("redis.replica-ack-timeout", "PT0.5S"), positive("redis.scan-interval", "PT0.25S"));
        this.keyPrefix = string("key-prefix").orElse("managed-queue");
        if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException(PREFIX + "key-prefix must not contain '{' or '}': " + keyPrefix);
        }
        this.workerEnabled = bool("worker.enabled", true);
        this.pollInterval = positive("worker.poll-interval", "PT2S");
        this.heartbeatInterval = positive("worker.heartbeat-interval", "PT5S");
        this.leaseDuration = positive("lease.duration", "PT30S");
        if (leaseDuration.toMillis() < 300) {
            throw new IllegalArgumentException(PREFIX + "lease.duration must be at least 300ms, was " + leaseDuration);
        }
        this.maxStalls = integer("lease.max-stalls", 10, 0);
        this.defaultAttempts = integer("default.attempts", 1, 1);
        this.defaultBackoff = backoff();
        this.completedRetention = retention("retention.completed", "P1D", 5000);
        this.failedRetention = retention("retention.failed", "P7D", 5000);
        this.payloadMaxBytes = integer("payload.max-bytes", 512 * 1024, 1);
        this.shutdownGracePeriod = duration("shutdown.grace-period", "PT10S");
        this.failOnEvictionPolicy = bool("redis.fail-on-eviction-policy", false);
    }

    /**
     * @param address a handler's address
     * @return the configured override of its concurrency ({@code managed-queue.concurrency.<plugin>/<queue>/<job>})
     */
    public OptionalInt concurrencyOverride(JobAddress address) {
        String key = "concurrency." + address.pluginName() + "/" + address.queueName() + "/" + address.jobName();
        Optional<String> value = string(key);
        return value.isEmpty() ? OptionalInt.empty() : OptionalInt.of(parseInt(key, value.get(), 1));
    }

    /**
     * @param pluginName a logical queue's plugin
     * @param queueName  its queue
     * @return the configured override of the queue's rate limit ({@code managed-queue.rate-limit.<plugin>/<queue>})
     */
    public Optional<RateLimitPolicy> rateLimitOverride(String pluginName, String queueName) {
        String key = "rate-limit." + pluginName + "/" + queueName;
        return string(key).map(v -> RateLimitPolicy.parse(PREFIX + key, v));
    }

    /**
     * @param pluginName a logical queue's plugin
     * @param queueName  its queue
     * @return the configured override of its per-key rate limit ({@code managed-queue.key-rate-limit.<plugin>/<queue>})
     */
    public Optional<RateLimitPolicy> keyRateLimitOverride(String pluginName, String queueName) {
        String key = "key-rate-limit." + pluginName + "/" + queueName;
        return string(key).map(v -> RateLimitPolicy.parse(PREFIX + key, v));
    }

    /**
     * @param scheduleId a declared schedule's id
     * @param name       {@code cron}, {@code every}, {@code zone} or {@code enabled}
     * @return the configured {@code managed-queue.schedule.<id>.<name>}, if any
     */
    public Optional<String> scheduleSetting(String scheduleId, String name) {
        return string("schedule." + scheduleId + "." + name);
    }

    private Backoff backoff() {
        String type = string("default.backoff.type").orElse("fixed").toLowerCase(Locale.ROOT);
        Duration delay = duration("default.backoff.delay", "PT1S");
        double jitter = string("default.backoff.jitter").map(v -> parseDouble("default.backoff.jitter", v)).orElse(0.0);
        Backoff base = switch (type) {
            case "fixed" -> Backoff.fixed(delay);
            case "exponential" -> Backoff.exponential(delay);
            default -> throw new IllegalArgumentException(PREFIX + "default.backoff.type must be fixed or exponential, was " + type);
        };
        try {
            return base.withJitter(jitter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "default.backoff.jitter: " + e.getMessage(), e);
        }
    }

    private Retention retention(String key, String defaultAge, int defaultCount) {
        Optional<String> age = string(key + ".max-age");
        Optional<String> count = string(key + ".max-count");
        boolean ageUnbounded = age.map(a -> a.equalsIgnoreCase("unbounded")).orElse(false);
        boolean countUnbounded = count.map(c -> c.equalsIgnoreCase("unbounded")).orElse(false);
        Duration maxAge = ageUnbounded ? null : ConfigDurations.parse(PREFIX + key + ".max-age", age.orElse(defaultAge));
        Integer maxCount = countUnbounded ? null : parseInt(key + ".max-count", count.orElse(String.valueOf(defaultCount)), 0);
        if (maxAge == null && maxCount == null) {
            return Retention.keepAll();
        }
        if (maxAge == null) {
            return Retention.ofCount(maxCount);
        }
        return maxCount == null ? Retention.ofAge(maxAge) : Retention.of(maxAge, maxCount);
    }

    private Optional<String> string(String key) {
        return config.getOptionalValue(PREFIX + key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    private List<String> list(String key) {
        return string(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(PREFIX + key + " must be true or false, was " + v);
            }
            return Boolean.parseBoolean(v);
        }).orElse(defaultValue);
    }

    private int integer(String key, int defaultValue, int min) {
        return string(key).map(v -> parseInt(key, v, min)).orElse(defaultValue);
    }

    private Duration duration(String key, String defaultValue) {
        Duration d = ConfigDurations.parse(PREFIX + key, string(key).orElse(defaultValue));
        if (d.isNegative()) {
            throw new IllegalArgumentException(PREFIX + key + " must be >= 0, was " + d);
        }
        return d;
    }

    private Duration positive(String key, String defaultValue) {
        Duration d = duration(key, defaultValue);
        if (d.isZero()) {
            throw new IllegalArgumentException(PREFIX + key + " must be > 0");
        }
        return d;
    }

    private static int parseInt(String key, String value, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min) {
                throw new IllegalArgumentException(PREFIX + key + " must be >= " + min + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a number, was '" + value + "'", e);
        }
    }
}
