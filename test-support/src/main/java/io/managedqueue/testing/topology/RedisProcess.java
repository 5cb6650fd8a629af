package io.managedqueue.testing.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.managedqueue.testing.Resp;
import io.managedqueue.testing.TestRedis;

/**
 * One {@code redis-server} (a data node or, with {@code --sentinel}, a sentinel) on a free loopback
 * port, in a directory of its own with its own config file and log. Stopped by its own pid: SIGKILL
 * ({@link #kill()}) for a crash, SIGTERM ({@link #stop()}) otherwise; a JVM shutdown hook kills what a
 * test forgot.
 */
public final class RedisProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path dir;
    private final List<String> config;
    private final boolean sentinel;
    private Process process;

    private RedisProcess(String name, int port, Path dir, List<String> config, boolean sentinel) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.config = config;
        this.sentinel = sentinel;
    }

    /**
     * @param name     names the directory and log
     * @param parent   where its directory goes
     * @param config   config lines beyond port, bind and dir
     * @param sentinel whether it runs as a sentinel
     * @return a started process that answers PING
     */
    public static RedisProcess start(String name, Path parent, List<String> config, boolean sentinel) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisProcess node = new RedisProcess(name, TestRedis.freePort(), dir, config, sentinel);
        node.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(node::kill, "redis-" + name + "-kill"));
        return node;
    }

    private void launch() {
        StringBuilder conf = new StringBuilder()
                .append("port ").append(port).append('\n')
                .append("bind 127.0.0.1\n")
                .append("protected-mode no\n")
                .append("dir ").append(dir.toAbsolutePath()).append('\n');
        config.forEach(line -> conf.append(line).append('\n'));
        Path file = dir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
        try {
            Files.writeString(file, conf);
            ProcessBuilder builder = new ProcessBuilder(sentinel
                    ? List.of(RedisBinary.path().toString(), file.toString(), "--sentinel")
                    : List.of(RedisBinary.path().toString(), file.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server " + name, e);
        }
        Waits.until("redis " + name + " answers PING", Duration.ofSeconds(10), this::answers);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis " + name + " exited with " + process.exitValue() + "; see " + dir.resolve("server.log"));
        }
        try (Resp c = connect()) {
            return "PONG".equals(c.string("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SIGKILL: the server dies at once, as in a crash. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** SIGTERM: a clean shutdown. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    /** Starts it again on the same port, directory and config (a data node reloads what it persisted). */
    public synchronized void restart() {
        stop();
        launch();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return a new connection (the caller closes it) */
    public Resp connect() {
        return new Resp("127.0.0.1", port, 5000); // a 5 s read timeout: a hung node fails the wait fast
    }

    /** Runs one command on a connection of its own. */
    public Object call(String... args) {
        try (Resp c = connect()) {
            return c.call(args);
        }
    }

    /** @return the reply as text, on a connection of its own */
    public String text(String... args) {
        try (Resp c = connect()) {
            return c.string(args);
        }
    }

    /** @return one {@code field:value} of {@code INFO section}, on a connection of its own */
    public String info(String section, String field) {
        try (Resp c = connect()) {
            return c.info(section, field);
        }
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
