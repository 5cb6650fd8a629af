package io.managedqueue.reliability.worker;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;

import io.managedqueue.testing.jta.EnlistingDataSource;

/**
 * What a Jakarta EE server gives the producer JVM, from Narayana: the synchronization registry (a CDI
 * bean here, JNDI on a server), by which enqueue joins the transaction, and the application's data
 * source, which enlists its connection in the transaction, so the outbox rows commit with the orders.
 */
@Singleton
public class JtaResources {

    private final TransactionSynchronizationRegistry registry = new TransactionSynchronizationRegistryImple();
    private final DataSource app;

    public JtaResources() {
        String url = OutboxJdbc.url();
        app = new EnlistingDataSource(OutboxJdbc.xa(url), OutboxJdbc.plain(url), tm(), registry);
    }

    public static TransactionManager tm() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    @Produces
    TransactionSynchronizationRegistry registry() {
        return registry;
    }

    @Produces
    @Named("app")
    DataSource app() {
        return app;
    }
}
