package io.managedqueue.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.logging.Logger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import redis.embedded.RedisServer;

/**
 * The Redis every test talks to, chosen once per JVM:
 * <ol>
 * <li>{@code MANAGED_QUEUE_TEST_REDIS} (environment or system property, {@code redis://host:port}) when set;</li>
 * <li>else a {@code redis:7} container when Docker is available;</li>
 * <li>else an embedded {@code redis-server} 7.0.15 (from {@code org.signal:embedded-redis}) on a free port.</li>
 * </ol>
 * A started server is stopped when the JVM exits. Tests isolate themselves with {@link #uniquePrefix(String)}.
 */
public final class TestRedis {

    private static final Logger LOG = Logger.getLogger(TestRedis.class.getName());
    private static String address;

    private TestRedis() {
    }

    /** @return the address of the shared test Redis, {@code redis://host:port}, starting it on first use */
    public static synchronized String address() {
        if (address == null) {
            address = resolve();
        }
        return address;
    }

    /**
     * @param testName a readable tag
     * @return a key prefix no other test run uses
     */
    public static String uniquePrefix(String testName) {
        return "mqtest-" + testName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String resolve() {
        String external = System.getProperty("MANAGED_QUEUE_TEST_REDIS", System.getenv("MANAGED_QUEUE_TEST_REDIS"));
        if (external != null && !external.isBlank()) {
            LOG.info("Tests use the external Redis " + external);
            return external;
        }
        if (dockerAvailable()) {
            return startContainer();
        }
        return startEmbedded();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static String startContainer() {
        GenericContainer<?> redis = new GenericContainer<>("redis:7.0.15").withExposedPorts(6379);
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "test-redis-stop"));
        String url = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
        LOG.info("Tests use a Redis container at " + url);
        return url;
    }

    private static String startEmbedded() {
        int port = freePort();
        RedisServer server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-redis-stop"));
        String url = "redis://127.0.0.1:" + port;
        LOG.info("Docker unavailable: tests use an embedded redis-server at " + url);
        return url;
    }

    /** @return a TCP port free on the loopback interface right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
