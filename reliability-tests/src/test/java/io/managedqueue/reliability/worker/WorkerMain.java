package io.managedqueue.reliability.worker;

import java.util.concurrent.CountDownLatch;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.managedqueue.extension.cdi.ManagedQueueExtension;

/**
 * A worker process: the platform in Weld SE with {@link RecordingHandler}, configured by system
 * properties ({@code managed-queue.*}, read by SmallRye Config; {@code rel.incarnation} names this
 * process in the records; {@code rel.extra-beans} adds a scenario's beans). Prints {@code WORKER READY} once its workers run. SIGTERM shuts the
 * container down gracefully (the platform's grace period applies); SIGKILL is a crash.
 */
public final class WorkerMain {

    /** System property: further bean classes (comma-separated names) a scenario's workers deploy. */
    public static final String EXTRA_BEANS = "rel.extra-beans";

    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException, ClassNotFoundException {
        String incarnation = System.getProperty("rel.incarnation", "worker");
        long bootStart = System.nanoTime();
        Weld weld = new Weld("rel-" + incarnation)
                .disableDiscovery()
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                .addExtension(new ManagedQueueExtension())
                .addBeanClasses(RecordingHandler.class, Recorder.class, RequestProbe.class);
        for (String extra : System.getProperty(EXTRA_BEANS, "").split(",")) {
            if (!extra.isBlank()) {
                weld.addBeanClass(Class.forName(extra.trim()));
            }
        }
        WeldContainer container = weld.initialize();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long start = System.nanoTime();
            say("WORKER STOPPING " + incarnation);
            try {
                container.shutdown();
            } finally {
                say("WORKER STOPPED " + incarnation + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        }, "worker-graceful-shutdown"));
        say("WORKER READY " + incarnation + " pid=" + ProcessHandle.current().pid() + " boot="
                + (System.nanoTime() - bootStart) / 1_000_000 + "ms");
        new CountDownLatch(1).await(); // until a signal ends the JVM
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
