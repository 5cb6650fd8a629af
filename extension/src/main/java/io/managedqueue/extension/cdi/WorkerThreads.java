package io.managedqueue.extension.cdi;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where worker threads come from. On a Jakarta EE server with Concurrency, the container's
 * {@code ManagedThreadFactory}: the server finds the application (and {@code CDI.current()})
 * through the thread's component metadata. Elsewhere (Weld SE), plain daemon threads carrying
 * the application's class loader.
 */
final class WorkerThreads {

    private static final Logger LOG = Logger.getLogger(WorkerThreads.class.getName());
    private static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    private WorkerThreads() {
    }

    /**
     * Must be called on an application thread (start-up observer), where {@code java:comp} resolves.
     *
     * @param namePrefix thread names' prefix
     * @return a factory of worker threads
     */
    static ThreadFactory create(String namePrefix) {
        ThreadFactory managed = lookupManaged();
        ThreadFactory base = managed != null ? managed : plain(Thread.currentThread().getContextClassLoader());
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread t = base.newThread(task);
            t.setName(namePrefix + "-" + counter.incrementAndGet());
            return t;
        };
    }

    private static ThreadFactory lookupManaged() {
        try {
            Class.forName("jakarta.enterprise.concurrent.ManagedThreadFactory", false, WorkerThreads.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            Object found = new InitialContext().lookup(MANAGED_THREAD_FACTORY);
            return found instanceof ThreadFactory factory ? factory : null;
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.fine(() -> "no " + MANAGED_THREAD_FACTORY + ": " + e);
            return null;
        }
    }

    private static ThreadFactory plain(ClassLoader applicationLoader) {
        return task -> {
            Thread t = new Thread(task);
            t.setDaemon(true);
            t.setContextClassLoader(applicationLoader);
            return t;
        };
    }
}
