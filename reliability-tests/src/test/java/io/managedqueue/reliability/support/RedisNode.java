package io.managedqueue.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import redis.embedded.RedisServer;

import io.managedqueue.testing.Resp;
import io.managedqueue.testing.TestRedis;

/**
 * A redis-server of a test's own (the binary shipped in {@code org.signal:embedded-redis}) on a free
 * loopback port, with AOF ({@code appendonly yes}, {@code appendfsync everysec}) in a directory under
 * {@code target/}, so that it can be stopped and started again on the same port with the same data.
 * {@code DEBUG} is enabled for local connections only ({@code DEBUG DIGEST} snapshots the dataset).
 */
public final class RedisNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisNode.class.getName());

    private final int port;
    private final Path dir;
    private RedisServer server;

    private RedisNode(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /**
     * @param name a tag for the data directory
     * @return a started server
     */
    public static RedisNode start(String name) {
        Path dir = Reliability.workDir().resolve("redis-" + name + "-" + System.nanoTime());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisNode node = new RedisNode(TestRedis.freePort(), dir);
        node.startServer();
        ProcessRegistry.onExit(node::close);
        return node;
    }

    private synchronized void startServer() {
        server = RedisServer.builder()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save \"\"")
                .setting("maxmemory-policy noeviction")
                .setting("enable-debug-command local")
                .setting("protected-mode yes")
                .build();
        server.start();
        LOG.info("redis-server on 127.0.0.1:" + port + " with AOF in " + dir);
    }

    /** Stops the server gracefully (SIGTERM: Redis fsyncs its AOF and exits). */
    public synchronized void stop() {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    /** Starts the server again on the same port and data directory: it reloads its AOF. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** @return a new inspection connection (the caller closes it) */
    public Resp connect() {
        return new Resp("127.0.0.1", port);
    }

    @Override
    public void close() {
        stop();
    }
}
