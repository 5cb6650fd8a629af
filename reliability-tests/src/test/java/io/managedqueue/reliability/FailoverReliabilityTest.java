package io.managedqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.reliability.support.FailoverRun;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.testing.topology.ClusterTopology;
import io.managedqueue.testing.topology.RedisProcess;
import io.managedqueue.testing.topology.SentinelTopology;

/**
 * Scenario 12: failovers under steady enqueue and processing, on real topologies started from the
 * same redis-server binary (see {@link FailoverRun}): a manual Sentinel failover, a SIGKILL of the
 * Sentinel master, a coordinated {@code CLUSTER FAILOVER} and a SIGKILL of a Cluster master. With the
 * default {@code managed-queue.redis.replica-acks=1}, no acknowledged job may be lost.
 */
@Tag(Reliability.TAG)
class FailoverReliabilityTest {

    private static final Duration REDIS_BOUND = Duration.ofSeconds(30);

    /**
     * {@code SENTINEL FAILOVER} promotes a replica without pausing the master, which keeps taking writes
     * until it is demoted; the other replica follows it meanwhile and acknowledges them, then resyncs from
     * the new master and drops them. Only an acknowledgement by every replica ({@code replica-acks=2}
     * here) refuses those writes: the promoted replica no longer answers the old master's WAIT.
     */
    @Test
    void manualSentinelFailoverWithEveryReplicaAcknowledging() {
        try (SentinelTopology sentinel = SentinelTopology.start(dir("sentinel-manual"))) {
            FailoverRun.Outcome o = FailoverRun.run("12a-sentinel-manual-failover-acks-2", "Sentinel: 1 master, 2 replicas, 3 sentinels",
                    Settings.sentinel(sentinel, "rel-sentinel-manual").with("managed-queue.redis.replica-acks", "2"),
                    manualFailover(sentinel));
            assertHeld(o);
        }
    }

    /** The same with the default (one replica): measured, not asserted: the window above loses writes. */
    @Test
    void manualSentinelFailoverWithTheDefault() {
        try (SentinelTopology sentinel = SentinelTopology.start(dir("sentinel-manual-1"))) {
            FailoverRun.Outcome o = FailoverRun.run("12a-sentinel-manual-failover-acks-1", "Sentinel: 1 master, 2 replicas, 3 sentinels",
                    Settings.sentinel(sentinel, "rel-sentinel-manual-1"), manualFailover(sentinel));
            assertThat(o.workerAlive()).as("worker alive and running jobs 30 s after the fault").isTrue();
        }
    }

    private static java.util.function.LongSupplier manualFailover(SentinelTopology sentinel) {
        return () -> {
            RedisProcess old = sentinel.master();
            sentinel.failover();
            sentinel.awaitNewMaster(old, REDIS_BOUND);
            return System.currentTimeMillis();
        };
    }

    @Test
    void sentinelMasterKilled() {
        try (SentinelTopology sentinel = SentinelTopology.start(dir("sentinel-kill"))) {
            FailoverRun.Outcome o = FailoverRun.run("12b-sentinel-master-sigkill", "Sentinel: 1 master, 2 replicas, 3 sentinels",
                    Settings.sentinel(sentinel, "rel-sentinel-kill"), () -> {
                        RedisProcess old = sentinel.master();
                        old.kill();
                        sentinel.awaitNewMaster(old, REDIS_BOUND);
                        return System.currentTimeMillis();
                    });
            assertHeld(o);
        }
    }

    @Test
    void clusterFailover() {
        try (ClusterTopology cluster = ClusterTopology.start(dir("cluster-failover"))) {
            FailoverRun.Outcome o = FailoverRun.run("12c-cluster-failover", "Cluster: 3 masters + 3 replicas",
                    Settings.cluster(cluster, "rel-cluster-failover"), () -> {
                        cluster.failover(queueMaster(cluster), REDIS_BOUND);
                        return System.currentTimeMillis();
                    });
            assertHeld(o);
        }
    }

    /**
     * After the promotion the shard has no replica, so with {@code replica-acks=1} its writes are refused
     * (each after the 1 s WAIT) until the crashed node, restarted as a supervisor would, rejoins as the
     * new master's replica: the figures' resume times include that restart.
     */
    @Test
    void clusterMasterKilled() {
        try (ClusterTopology cluster = ClusterTopology.start(dir("cluster-kill"))) {
            FailoverRun.Outcome o = FailoverRun.run("12d-cluster-master-sigkill", "Cluster: 3 masters + 3 replicas",
                    Settings.cluster(cluster, "rel-cluster-kill"), () -> {
                        RedisProcess master = queueMaster(cluster);
                        RedisProcess replica = cluster.replicaOf(master);
                        master.kill();
                        cluster.awaitPromoted(replica, REDIS_BOUND);
                        long promotedAt = System.currentTimeMillis();
                        master.restart(); // rejoins (nodes.conf) as the replica of the promoted node
                        cluster.awaitReplicaOf(replica, master, REDIS_BOUND);
                        return promotedAt;
                    });
            assertHeld(o);
        }
    }

    /** The master holding the queue's hash slot: the one with the most keys (the ledger is elsewhere). */
    private static RedisProcess queueMaster(ClusterTopology cluster) {
        List<RedisProcess> masters = cluster.masters();
        return masters.stream().max(Comparator.comparingLong(m -> Long.parseLong(m.text("DBSIZE")))).orElseThrow();
    }

    private static void assertHeld(FailoverRun.Outcome o) {
        assertThat(o.lost()).as("acknowledged jobs lost").isZero();
        assertThat(o.workerAlive()).as("worker alive and running jobs 30 s after the fault").isTrue();
    }

    private static java.nio.file.Path dir(String name) {
        return Reliability.workDir().resolve("topology-" + name + "-" + System.nanoTime());
    }
}
