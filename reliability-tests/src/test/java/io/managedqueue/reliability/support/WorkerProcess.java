package io.managedqueue.reliability.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.managedqueue.reliability.worker.WorkerMain;

/**
 * A worker JVM ({@link WorkerMain}) started with the test class path and the running JVM's
 * {@code java.home}; its output goes to {@code target/reliability/logs/<incarnation>.log}.
 * Always stopped by its own pid: {@link #kill()} (SIGKILL), {@link #terminate()} (SIGTERM), or
 * {@link #stop()} in a test's {@code finally} (and a JVM shutdown hook as a last resort).
 */
public final class WorkerProcess {

    private final String incarnation;
    private final Process process;
    private final Path log;
    private final long startedAtMillis = System.currentTimeMillis();

    private WorkerProcess(String incarnation, Process process, Path log) {
        this.incarnation = incarnation;
        this.process = process;
        this.log = log;
    }

    /**
     * @param incarnation a unique name of this process (recorded with every execution it runs)
     * @param settings    {@code managed-queue.*} and other system properties
     * @return the started process (not yet ready: see {@link #awaitReady()})
     */
    public static WorkerProcess start(String incarnation, Map<String, String> settings) {
        return start(incarnation, settings, WorkerMain.class);
    }

    /**
     * @param main the process's main class (a scenario's own, e.g. a producer)
     * @see #start(String, Map)
     */
    public static WorkerProcess start(String incarnation, Map<String, String> settings, Class<?> main) {
        Path logDir = Reliability.workDir().resolve("logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = logDir.resolve(incarnation.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.util.logging.config.file=" + resourceFile("worker-logging.properties"));
        command.add("-Drel.incarnation=" + incarnation);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(testClassPath());
        command.add(main.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            Process process = builder.start();
            WorkerProcess worker = new WorkerProcess(incarnation, process, log);
            ProcessRegistry.onExit(worker::stop);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + incarnation, e);
        }
    }

    /** Waits until the worker's platform runs (its log says WORKER READY); fails at once if it died. */
    public WorkerProcess awaitReady() {
        return awaitLine("WORKER READY");
    }

    /** Waits until the process's log contains the text; fails at once if the process died without printing it. */
    public WorkerProcess awaitLine(String text) {
        await("worker " + incarnation + " printed " + text).atMost(Reliability.seconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive() && !logText().contains(text)) {
                        throw new IllegalStateException("worker " + incarnation + " exited with " + process.exitValue()
                                + " before it printed " + text + ":\n" + tail(40));
                    }
                    return logText().contains(text);
                });
        return this;
    }

    /** SIGKILL: the process dies at once, mid-job, without any shutdown code. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker " + incarnation + " (pid " + pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM: the JVM runs its shutdown hook, which shuts the container down gracefully. */
    public void terminate() {
        process.destroy();
    }

    /** @return whether the process ended within the wait */
    public boolean awaitExit(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Cleanup: SIGKILL if still alive. */
    public void stop() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String incarnation() {
        return incarnation;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** @return how many log lines contain the text */
    public long countLines(String text) {
        return logText().lines().filter(l -> l.contains(text)).count();
    }

    public String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    private static String resourceFile(String name) {
        URL url = WorkerProcess.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return new File(url.toURI()).getAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return incarnation + "(pid " + pid() + ")";
    }
}
