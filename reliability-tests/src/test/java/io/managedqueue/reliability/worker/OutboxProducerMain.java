package io.managedqueue.reliability.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.extension.cdi.ManagedQueueExtension;

/**
 * The producer JVM of the outbox scenario: the platform (no workers) in Weld SE with Narayana and the
 * outbox on {@link OutboxJdbc#url()}, running {@link OrderTransactions} on {@code rel.outbox.threads} threads (6)
 * until it is killed. {@code rel.outbox.hold=true}: each thread runs one transaction, and a committed one
 * stays in {@link HoldAfterCommit} (the window between the commit and the relay); otherwise the threads
 * commit transaction after transaction (load). Prints {@code PRODUCER READY}, then one line per held or
 * rolled-back transaction.
 */
public final class OutboxProducerMain {

    /** System property: hold every committed transaction before its relay (one transaction per thread). */
    public static final String HOLD = "rel.outbox.hold";
    /** System property: how many transactions run at once. */
    public static final String THREADS = "rel.outbox.threads";

    private OutboxProducerMain() {
    }

    /** System property: Narayana's object stores go there, not into the working directory. */
    public static final String STORE = "rel.narayana.dir";

    public static void main(String[] args) throws InterruptedException {
        for (String store : new String[] {"", "communicationStore.", "stateStore."}) {
            System.setProperty("ObjectStoreEnvironmentBean." + store + "objectStoreDir", System.getProperty(STORE, "target/narayana"));
        }
        WeldContainer container = new Weld("rel-outbox-producer")
                .disableDiscovery()
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                .addExtension(new ManagedQueueExtension())
                .addBeanClasses(JtaResources.class)
                .initialize();
        boolean hold = Boolean.getBoolean(HOLD);
        OrderTransactions orders = new OrderTransactions(container.select(ManagedQueueService.class).get(),
                container.select(JtaResources.class).get(), hold);
        say("PRODUCER READY pid=" + ProcessHandle.current().pid());
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < Integer.getInteger(THREADS, 6); i++) {
            Thread thread = new Thread(() -> {
                do {
                    try {
                        orders.run(next.getAndIncrement());
                    } catch (Exception e) {
                        say("TRANSACTION FAILED " + e);
                    }
                } while (!hold);
            }, "tx-" + i);
            thread.start();
        }
        new CountDownLatch(1).await(); // until the test kills this JVM
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
