package io.managedqueue.extension.tx;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.transaction.spi.TransactionServices;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;

/**
 * A real JTA environment for Weld SE: Narayana's transaction manager, its synchronization registry
 * as a CDI bean (how the platform finds it here; on a server it is JNDI), and Weld's transaction
 * services, so that {@code @Observes(during = AFTER_SUCCESS)} observers wait for the commit.
 */
public final class Jta {

    static {
        // Narayana's object store (used only by two-phase commits) under target/, not the working directory
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", "target/narayana-store");
        System.setProperty("com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean.objectStoreDir", "target/narayana-store");
    }

    private static final TransactionSynchronizationRegistry REGISTRY = new TransactionSynchronizationRegistryImple();

    private Jta() {
    }

    public static TransactionManager tm() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    public static TransactionSynchronizationRegistry registry() {
        return REGISTRY;
    }

    /** Adds the JTA services and the registry bean to a Weld set-up. */
    public static Weld with(Weld weld) {
        return weld.addServices(new NarayanaServices()).addBeanClass(RegistryProducer.class);
    }

    /** Runs {@code work} in a transaction and commits. */
    public static <T> T inTransaction(Work<T> work) throws Exception {
        tm().begin();
        try {
            T result = work.run();
            tm().commit();
            return result;
        } catch (Exception | Error e) {
            if (tm().getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm().rollback();
            }
            throw e;
        }
    }

    /** Runs {@code work} in a transaction and rolls it back. */
    public static <T> T rolledBack(Work<T> work) throws Exception {
        tm().begin();
        try {
            return work.run();
        } finally {
            tm().rollback();
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    @Dependent
    public static class RegistryProducer {
        @Produces
        TransactionSynchronizationRegistry registry() {
            return REGISTRY;
        }
    }

    static final class NarayanaServices implements TransactionServices {
        @Override
        public void registerSynchronization(Synchronization synchronization) {
            REGISTRY.registerInterposedSynchronization(synchronization);
        }

        @Override
        public boolean isTransactionActive() {
            try {
                return tm().getStatus() == Status.STATUS_ACTIVE;
            } catch (SystemException e) {
                return false;
            }
        }

        @Override
        public UserTransaction getUserTransaction() {
            return com.arjuna.ats.jta.UserTransaction.userTransaction();
        }

        @Override
        public void cleanup() {
        }
    }
}
