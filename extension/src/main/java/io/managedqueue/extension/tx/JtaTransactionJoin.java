package io.managedqueue.extension.tx;

import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** {@link TransactionJoin} on the JTA {@link TransactionSynchronizationRegistry}. */
final class JtaTransactionJoin implements TransactionJoin {

    private static final Logger LOG = Logger.getLogger(JtaTransactionJoin.class.getName());
    static final String JNDI_NAME = "java:comp/TransactionSynchronizationRegistry";
    /** The key of a transaction's pending writes among its resources. */
    private static final Object KEY = new Object();

    private final TransactionSynchronizationRegistry registry;
    private final PendingWrites.Factory factory;
    private final String source;

    private JtaTransactionJoin(TransactionSynchronizationRegistry registry, PendingWrites.Factory factory, String source) {
        this.registry = registry;
        this.factory = factory;
        this.source = source;
    }

    static TransactionJoin lookup(Instance<Object> beans, PendingWrites.Factory factory) {
        Instance<TransactionSynchronizationRegistry> bean = beans.select(TransactionSynchronizationRegistry.class);
        if (bean.isResolvable()) {
            return new JtaTransactionJoin(bean.get(), factory, "CDI bean");
        }
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            if (found instanceof TransactionSynchronizationRegistry registry) {
                return new JtaTransactionJoin(registry, factory, JNDI_NAME);
            }
        } catch (NamingException | RuntimeException e) {
            // no JNDI (Java SE) or no transaction service: enqueue never joins
            LOG.log(Level.FINE, "no " + JNDI_NAME, e);
        }
        return null;
    }

    @Override
    public PendingWrites current() {
        int status = registry.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            return null;
        }
        PendingWrites pending = (PendingWrites) registry.getResource(KEY);
        if (pending == null) {
            pending = factory.create();
            registry.putResource(KEY, pending);
            // interposed: runs after the application's own synchronizations (JPA flushes), before the resources commit
            registry.registerInterposedSynchronization(new AfterCompletion(pending));
        }
        return pending;
    }

    @Override
    public String toString() {
        return "TransactionSynchronizationRegistry from " + source;
    }
}
