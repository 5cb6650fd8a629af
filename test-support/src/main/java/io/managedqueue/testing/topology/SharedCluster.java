package io.managedqueue.testing.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * One 3+3 {@link ClusterTopology} for a whole test JVM, for suites that run their behaviour tests
 * once more with keys spread over shards. Started on first use in {@code managed-queue.test.topology-dir}
 * (default: a temporary directory); each node is killed by its pid when the JVM exits.
 */
public final class SharedCluster {

    /** System property: where the nodes' directories go. */
    public static final String DIR = "managed-queue.test.topology-dir";

    private static final Logger LOG = Logger.getLogger(SharedCluster.class.getName());
    private static ClusterTopology cluster;

    private SharedCluster() {
    }

    /** @return every node's address, comma-separated, as {@code managed-queue.redis.cluster.addresses} takes them */
    public static synchronized String addresses() {
        if (cluster == null) {
            cluster = ClusterTopology.start(directory());
            LOG.info("Tests use a Redis Cluster of 3 masters and 3 replicas at " + cluster.addresses());
        }
        return cluster.addresses();
    }

    private static Path directory() {
        try {
            String configured = System.getProperty(DIR);
            if (configured == null || configured.isBlank()) {
                return Files.createTempDirectory("mq-cluster-");
            }
            Path root = Files.createDirectories(Path.of(configured));
            return Files.createTempDirectory(root, "cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
