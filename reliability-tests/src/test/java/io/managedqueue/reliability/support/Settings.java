package io.managedqueue.reliability.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.managedqueue.testing.topology.ClusterTopology;
import io.managedqueue.testing.topology.SentinelTopology;

/** The {@code managed-queue.*} settings of one scenario, shared by its producer and worker processes. */
public final class Settings {

    private final Map<String, String> values = new LinkedHashMap<>();

    private Settings() {
    }

    /**
     * @param redis     the scenario's Redis
     * @param keyPrefix the scenario's key prefix
     * @return settings with a 2 s lease and finished jobs kept, so that every job's end state can be read
     */
    public static Settings of(RedisNode redis, String keyPrefix) {
        return base(keyPrefix).with("managed-queue.redis.address", redis.address());
    }

    /**
     * @return settings for a Sentinel set: as {@link #of}, plus a 1 s command timeout retried every 100 ms for
     * 10 s, so that a call outlasts a failover instead of failing in it
     */
    public static Settings sentinel(SentinelTopology sentinel, String keyPrefix) {
        return replicated(keyPrefix).with("managed-queue.redis.sentinel.master-name", SentinelTopology.MASTER_NAME)
                .with("managed-queue.redis.sentinel.addresses", sentinel.sentinelAddresses());
    }

    /** @return settings for a Cluster, with the timeouts of {@link #sentinel} */
    public static Settings cluster(ClusterTopology cluster, String keyPrefix) {
        return replicated(keyPrefix).with("managed-queue.redis.cluster.addresses", cluster.addresses());
    }

    private static Settings replicated(String keyPrefix) {
        return base(keyPrefix).with("managed-queue.redis.timeout", "1s")
                .with("managed-queue.redis.retry-attempts", "10")
                .with("managed-queue.redis.retry-interval", "100ms");
    }

    private static Settings base(String keyPrefix) {
        Settings s = new Settings();
        s.values.put("managed-queue.key-prefix", keyPrefix);
        s.values.put("managed-queue.lease.duration", "2s");
        s.values.put("managed-queue.shutdown.grace-period", "5s");
        s.values.put("managed-queue.retention.completed.max-count", "unbounded");
        s.values.put("managed-queue.retention.completed.max-age", "P1D");
        s.values.put("managed-queue.retention.failed.max-count", "unbounded");
        return s;
    }

    public Settings with(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** @return this, with the platform's default retention (completed 1 d / 5000, failed 7 d / 5000) */
    public Settings defaultRetention() {
        values.keySet().removeIf(k -> k.startsWith("managed-queue.retention."));
        return this;
    }

    /** @return a copy with more settings */
    public Settings and(String key, String value) {
        Settings copy = new Settings();
        copy.values.putAll(values);
        copy.values.put(key, value);
        return copy;
    }

    /** @return a copy configured as a producer only (no workers) */
    public Settings producerOnly() {
        return and("managed-queue.worker.enabled", "false");
    }

    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> map() {
        return Map.copyOf(values);
    }
}
