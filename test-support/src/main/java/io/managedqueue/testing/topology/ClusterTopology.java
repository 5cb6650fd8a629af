package io.managedqueue.testing.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.managedqueue.testing.Resp;

/**
 * A Redis Cluster on loopback: three masters (slots 0-5460, 5461-10922, 10923-16383) with one
 * replica each, built by RESP commands ({@code CLUSTER MEET}, {@code ADDSLOTSRANGE}, {@code REPLICATE}),
 * so no {@code redis-cli} is needed. {@code cluster-node-timeout 1000}: a dead master is failed over
 * in about 2 s. {@code cluster-require-full-coverage no}: the other shards keep serving meanwhile.
 */
public final class ClusterTopology implements AutoCloseable {

    private static final int[][] SLOTS = {{0, 5460}, {5461, 10922}, {10923, 16383}};

    private final List<RedisProcess> nodes = new ArrayList<>();

    private ClusterTopology() {
    }

    /**
     * Starts the six nodes and waits (bounded) until every node reports {@code cluster_state:ok} with 3
     * replicated masters and every replica's link to its master is up (its first sync done).
     */
    public static ClusterTopology start(Path dir) {
        ClusterTopology t = new ClusterTopology();
        try {
            for (int i = 0; i < 6; i++) {
                t.nodes.add(RedisProcess.start("node-" + i, dir, List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
                        "cluster-node-timeout 1000", "cluster-require-full-coverage no", "appendonly yes",
                        "appendfsync everysec", "save \"\"", "maxmemory-policy noeviction",
                        // a replica's first sync starts at once, not after the 5 s a diskless sync waits for company
                        "repl-diskless-sync-delay 0"), false));
            }
            RedisProcess first = t.nodes.get(0);
            for (int i = 1; i < 6; i++) {
                first.call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(t.nodes.get(i).port()));
            }
            for (int m = 0; m < 3; m++) {
                t.nodes.get(m).call("CLUSTER", "ADDSLOTSRANGE", String.valueOf(SLOTS[m][0]), String.valueOf(SLOTS[m][1]));
            }
            Waits.until("every node knows the other five", Duration.ofSeconds(20), () -> t.nodes.stream()
                    .allMatch(n -> knownNodes(n) == 6));
            for (int r = 3; r < 6; r++) {
                RedisProcess replica = t.nodes.get(r);
                String masterId = t.nodes.get(r - 3).text("CLUSTER", "MYID");
                Waits.until(replica + " replicates", Duration.ofSeconds(20), () -> {
                    try {
                        replica.call("CLUSTER", "REPLICATE", masterId);
                        return true;
                    } catch (Resp.ErrorReply notYetKnown) {
                        return false;
                    }
                });
            }
            Waits.until("cluster_state ok with 3 replicated masters", Duration.ofSeconds(30), t::healthy);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private static long knownNodes(RedisProcess n) {
        return n.text("CLUSTER", "NODES").lines().count();
    }

    private boolean healthy() {
        for (RedisProcess n : nodes) {
            if (!n.isAlive()) {
                continue;
            }
            try (Resp c = n.connect()) {
                String text = c.string("CLUSTER", "NODES");
                long replicas = text.lines().filter(l -> l.contains("slave") && !l.contains("fail")).count();
                if (replicas < 3 || !"ok".equals(clusterInfo(c, "cluster_state"))) {
                    return false;
                }
                // a replica counts once it has synced: before, WAIT on its master returns 0
                if ("slave".equals(c.info("replication", "role")) && !"up".equals(c.info("replication", "master_link_status"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String clusterInfo(Resp c, String field) {
        for (String line : c.string("CLUSTER", "INFO").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    /** @return the live masters now, by their own word */
    public List<RedisProcess> masters() {
        return nodes.stream().filter(RedisProcess::isAlive).filter(n -> {
            try (Resp c = n.connect()) {
                return "master".equals(c.info("replication", "role"));
            } catch (RuntimeException e) {
                return false;
            }
        }).toList();
    }

    /** @return the live replica of {@code master} */
    public RedisProcess replicaOf(RedisProcess master) {
        return nodes.stream().filter(RedisProcess::isAlive).filter(n -> {
            try (Resp c = n.connect()) {
                return String.valueOf(master.port()).equals(c.info("replication", "master_port"));
            } catch (RuntimeException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new IllegalStateException("no replica of " + master));
    }

    /**
     * {@code CLUSTER FAILOVER} on {@code master}'s replica (coordinated: the master pauses its clients
     * until the replica has caught up), then waits until the replica answers as a master.
     *
     * @return the promoted node
     */
    public RedisProcess failover(RedisProcess master, Duration bound) {
        RedisProcess replica = replicaOf(master);
        replica.call("CLUSTER", "FAILOVER");
        return awaitPromoted(replica, bound);
    }

    /** Waits until {@code replica} reports itself master and the cluster state is ok on it. */
    public RedisProcess awaitPromoted(RedisProcess replica, Duration bound) {
        Waits.until(replica + " promoted", bound, () -> {
            try (Resp c = replica.connect()) {
                return "master".equals(c.info("replication", "role")) && "ok".equals(clusterInfo(c, "cluster_state"));
            } catch (RuntimeException e) {
                return false;
            }
        });
        return replica;
    }

    /** Waits until {@code replica} replicates {@code master} with its link up. */
    public void awaitReplicaOf(RedisProcess master, RedisProcess replica, Duration bound) {
        Waits.until(replica + " replicates " + master, bound, () -> {
            try (Resp c = replica.connect()) {
                return String.valueOf(master.port()).equals(c.info("replication", "master_port"))
                        && "up".equals(c.info("replication", "master_link_status"));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** @return every node's address, comma-separated, as {@code managed-queue.redis.cluster.addresses} takes them */
    public String addresses() {
        return nodes.stream().map(RedisProcess::address).collect(Collectors.joining(","));
    }

    public List<RedisProcess> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        nodes.forEach(RedisProcess::kill);
    }
}
