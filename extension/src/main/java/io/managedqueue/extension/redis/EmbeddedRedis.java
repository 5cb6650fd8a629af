package io.managedqueue.extension.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.logging.Logger;

import redis.embedded.RedisServer;

/**
 * A development Redis started inside this JVM ({@code managed-queue.redis.embedded=true} and
 * no address configured), from {@code org.signal:embedded-redis}, which must be on the class
 * path. It keeps nothing on disk: jobs do not survive a restart. Never for production.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());
    private final RedisServer server;
    private final String address;

    private EmbeddedRedis(RedisServer server, String address) {
        this.server = server;
        this.address = address;
    }

    /** @return a started embedded Redis on a free loopback port */
    public static EmbeddedRedis start() {
        try {
            Class.forName("redis.embedded.RedisServer", false, EmbeddedRedis.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("managed-queue.redis.embedded=true needs org.signal:embedded-redis on the class path,"
                    + " or set managed-queue.redis.address", e);
        }
        int port = freePort();
        RedisServer server = RedisServer.builder().bind("127.0.0.1").port(port)
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        String address = "redis://127.0.0.1:" + port;
        LOG.warning("Managed queue: no managed-queue.redis.address configured; started an EMBEDDED Redis at " + address
                + " (development only, nothing is persisted). Set managed-queue.redis.address to use a real Redis.");
        return new EmbeddedRedis(server, address);
    }

    public String address() {
        return address;
    }

    @Override
    public void close() {
        server.stop();
        LOG.info("Managed queue: embedded Redis at " + address + " stopped");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the embedded Redis", e);
        }
    }
}
