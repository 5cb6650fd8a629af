package io.managedqueue.testing.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Sentinel set on loopback: one master, two replicas, three sentinels monitoring it with quorum 2
 * and {@code down-after-milliseconds 1000}, every process in its own directory under {@code dir}.
 * Data nodes run with AOF ({@code appendfsync everysec}) and {@code maxmemory-policy noeviction}, as
 * the README asks operators to.
 */
public final class SentinelTopology implements AutoCloseable {

    /** The monitored master's name. */
    public static final String MASTER_NAME = "mq-master";

    private final List<RedisProcess> dataNodes = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private SentinelTopology() {
    }

    /** Starts the set and waits (bounded) until every sentinel sees the master, both replicas and its peers. */
    public static SentinelTopology start(Path dir) {
        SentinelTopology t = new SentinelTopology();
        try {
            // repl-diskless-sync-delay 0: a replica's first sync starts at once, not 5 s later
            List<String> data = List.of("appendonly yes", "appendfsync everysec", "save \"\"", "maxmemory-policy noeviction",
                    "repl-diskless-sync-delay 0");
            RedisProcess master = RedisProcess.start("data-0", dir, data, false);
            t.dataNodes.add(master);
            for (int i = 1; i <= 2; i++) {
                List<String> replica = new ArrayList<>(data);
                replica.add("replicaof 127.0.0.1 " + master.port());
                t.dataNodes.add(RedisProcess.start("data-" + i, dir, replica, false));
            }
            // synced, not merely connected: until its first sync a replica acknowledges nothing (WAIT counts 0)
            Waits.until("both replicas synced", Duration.ofSeconds(20), () -> t.dataNodes.subList(1, 3).stream()
                    .allMatch(r -> "up".equals(r.info("replication", "master_link_status"))));
            for (int i = 0; i < 3; i++) {
                t.sentinels.add(RedisProcess.start("sentinel-" + i, dir, List.of(
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 5000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 2"), true));
            }
            Waits.until("sentinels see 2 replicas and 2 peers", Duration.ofSeconds(30), t::settled);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private boolean settled() {
        for (RedisProcess s : sentinels) {
            List<?> fields = (List<?>) s.call("SENTINEL", "MASTER", MASTER_NAME);
            String replicas = field(fields, "num-slaves");
            String peers = field(fields, "num-other-sentinels");
            if (!"2".equals(replicas) || !"2".equals(peers)) {
                return false;
            }
        }
        return true;
    }

    private static String field(List<?> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (name.equals(flat.get(i))) {
                return String.valueOf(flat.get(i + 1));
            }
        }
        return null;
    }

    /** @return the master the sentinels name now (asked of the first live sentinel) */
    public RedisProcess master() {
        for (RedisProcess s : sentinels) {
            if (s.isAlive()) {
                List<?> addr = (List<?>) s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                int port = Integer.parseInt(String.valueOf(addr.get(1)));
                return dataNodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            }
        }
        throw new IllegalStateException("no live sentinel");
    }

    /** {@code SENTINEL FAILOVER}: a replica is promoted without the master's agreement. */
    public void failover() {
        sentinels.get(0).call("SENTINEL", "FAILOVER", MASTER_NAME);
    }

    /**
     * Waits until {@code old} is no longer the master the sentinels name and the new master answers as one.
     *
     * @return the new master
     */
    public RedisProcess awaitNewMaster(RedisProcess old, Duration bound) {
        Waits.until("a new master replaces " + old, bound, () -> {
            try {
                RedisProcess now = master();
                return now != old && "master".equals(now.info("replication", "role"));
            } catch (RuntimeException e) {
                return false;
            }
        });
        return master();
    }

    /** @return {@code 127.0.0.1:port} of every sentinel, comma-separated, as {@code managed-queue.redis.sentinel.addresses} takes them */
    public String sentinelAddresses() {
        return sentinels.stream().map(s -> "redis://127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    public List<RedisProcess> dataNodes() {
        return List.copyOf(dataNodes);
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::kill);
        dataNodes.forEach(RedisProcess::kill);
    }
}
