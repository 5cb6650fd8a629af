package io.managedqueue.reliability.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything a test started that must not outlive it: a JVM shutdown hook stops what a test's
 * own {@code finally}/{@code @AfterAll} did not (for example when the test JVM is interrupted).
 */
public final class ProcessRegistry {

    private static final Logger LOG = Logger.getLogger(ProcessRegistry.class.getName());
    private static final List<Runnable> CLEANUPS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::runAll, "reliability-cleanup"));
    }

    private ProcessRegistry() {
    }

    static synchronized void onExit(Runnable cleanup) {
        CLEANUPS.add(cleanup);
    }

    private static void runAll() {
        List<Runnable> copy;
        synchronized (ProcessRegistry.class) {
            copy = new ArrayList<>(CLEANUPS);
            CLEANUPS.clear();
        }
        for (Runnable r : copy) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "cleanup", e);
            }
        }
    }
}
