package io.managedqueue.extension.tx;

import java.util.logging.Logger;

import jakarta.enterprise.inject.Instance;

/**
 * Resolves, once at start-up, how enqueue finds the caller's transaction: the
 * {@code TransactionSynchronizationRegistry} as a CDI bean, else at
 * {@code java:comp/TransactionSynchronizationRegistry}; {@code null} when there is none, so an
 * enqueue outside a JTA environment costs one null check.
 */
public final class TransactionJoins {

    private static final Logger LOG = Logger.getLogger(TransactionJoins.class.getName());
    private static final String REGISTRY = "jakarta.transaction.TransactionSynchronizationRegistry";

    private TransactionJoins() {
    }

    /**
     * @param beans   the application's beans, for a registry bean
     * @param factory makes the pending writes of each new transaction
     * @return the join, or {@code null} without the JTA API or without a registry
     */
    public static TransactionJoin resolve(Instance<Object> beans, PendingWrites.Factory factory) {
        if (!present()) {
            return null;
        }
        TransactionJoin join = JtaTransactionJoin.lookup(beans, factory);
        if (join != null) {
            LOG.info("Managed queue: enqueue inside a JTA transaction waits for its commit (" + join + ")");
        }
        return join;
    }

    private static boolean present() {
        try {
            Class.forName(REGISTRY, false, TransactionJoins.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
