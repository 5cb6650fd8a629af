package io.managedqueue.testing.topology;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The {@code redis-server} binary the topologies run: the one on {@code PATH} when there is one, else
 * the same 7.0.15 build {@code org.signal:embedded-redis} ships, extracted once per JVM. Both are what
 * the embedded test Redis runs, so single-server, Sentinel and Cluster tests exercise one server version.
 */
public final class RedisBinary {

    private static Path binary;

    private RedisBinary() {
    }

    /** @return an executable redis-server */
    public static synchronized Path path() {
        if (binary == null) {
            binary = onPath();
            if (binary == null) {
                binary = extracted();
            }
        }
        return binary;
    }

    private static Path onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path extracted() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
        String resource = "/redis-server-7.0.15-" + os + "-" + arch;
        try (InputStream in = RedisBinary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on PATH and no " + resource + " in embedded-redis");
            }
            Path file = Files.createTempFile("redis-server-", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + file + " executable");
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
