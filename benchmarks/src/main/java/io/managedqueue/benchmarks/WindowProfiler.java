package io.managedqueue.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code --profile=DIR}: a JFR recording of each scenario's measured window only (not the warm-up,
 * the pre-fill or the container boot), method samples every millisecond, written to
 * {@code DIR/<scenario>.jfr}. Read with {@code jfr print --stack-depth 64 --events jdk.ExecutionSample}.
 */
final class WindowProfiler {

    private final Path dir;
    private Recording recording;
    private String name;

    WindowProfiler(String dir) {
        this.dir = Path.of(dir);
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void start(String scenario) {
        stop();
        try {
            Map<String, String> settings = new java.util.HashMap<>(Configuration.getConfiguration("profile").getSettings());
            recording = new Recording(settings);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
        recording.setName(scenario);
        name = scenario;
        recording.start();
    }

    synchronized void stop() {
        if (recording == null) {
            return;
        }
        try {
            recording.stop();
            recording.dump(dir.resolve(name + ".jfr"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recording.close();
            recording = null;
        }
    }
}
