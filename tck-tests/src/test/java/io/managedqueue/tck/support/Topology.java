package io.managedqueue.tck.support;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Redis topology a deployment runs on, as its own configuration says (so it answers the same
 * inside Liberty, whose JVM does not see the client's system properties).
 */
public final class Topology {

    /** The configuration key naming Cluster nodes; present only in a deployment for Cluster. */
    public static final String CLUSTER_ADDRESSES = "managed-queue.redis.cluster.addresses";

    private Topology() {
    }

    /** @return whether the deployment's keys spread over the shards of a Redis Cluster */
    public static boolean cluster() {
        return ConfigProvider.getConfig().getOptionalValue(CLUSTER_ADDRESSES, String.class).isPresent();
    }
}
