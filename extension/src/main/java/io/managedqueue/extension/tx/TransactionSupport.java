package io.managedqueue.extension.tx;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.managedqueue.extension.cdi.QueueRuntime;

/**
 * What enqueue needs to follow transactions: the join (or {@code null} outside JTA), the outbox
 * when configured, and its sweeper, started with the application in every process.
 */
@ApplicationScoped
public class TransactionSupport {

    private static final Logger LOG = Logger.getLogger(TransactionSupport.class.getName());

    @Inject
    QueueRuntime runtime;
    @Inject
    Instance<Object> beans;

    private TransactionSettings settings;
    private TransactionJoin join;
    private OutboxSweeper sweeper;

    @PostConstruct
    void open() {
        settings = TransactionSettings.read(ConfigProvider.getConfig());
        Outbox outbox = settings.outbox() ? new Outbox(dataSource(), settings.outboxTable()) : null;
        if (outbox != null && settings.createTable()) {
            outbox.createTableIfAbsent();
        }
        CommitRelay relay = new CommitRelay(runtime.store(), outbox, runtime.callbacks());
        join = TransactionJoins.resolve(beans, () -> new PendingWrites(relay, outbox));
        if (outbox != null) {
            if (join == null) {
                LOG.warning("Managed queue: an outbox is configured but no JTA TransactionSynchronizationRegistry was found: "
                        + "jobs go to Redis at once and the outbox stays empty");
            }
            sweeper = new OutboxSweeper(outbox, runtime.store(), runtime.redis(), settings.sweepAfter());
        }
    }

    /** Starts the sweeper when an outbox is configured, in web and worker processes alike: any may have crashed. */
    void startSweeper(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (sweeper == null) {
            return;
        }
        ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1, runtime.threads());
        long every = settings.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(sweeper::sweepOnce, every, every, TimeUnit.MILLISECONDS);
        runtime.beforeClose(timer::shutdownNow);
        LOG.info("Managed queue: jobs enqueued in a transaction are kept in the outbox table " + settings.outboxTable()
                + " until Redis has them; swept every " + settings.sweepInterval());
    }

    private DataSource dataSource() {
        if (settings.outboxBeanName().isPresent()) {
            String name = settings.outboxBeanName().get();
            Instance<DataSource> bean = beans.select(DataSource.class, NamedLiteral.of(name));
            if (!bean.isResolvable()) {
                throw new IllegalStateException("managed-queue.outbox.datasource-name: no DataSource bean @Named(\"" + name + "\")");
            }
            return bean.get();
        }
        String jndi = settings.outboxJndiName().orElseThrow();
        try {
            return (DataSource) new InitialContext().lookup(jndi);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("managed-queue.outbox.datasource: no DataSource at " + jndi + ": " + e.getMessage(), e);
        }
    }

    /** @return the join, or {@code null} when no JTA transaction can ever be active here */
    public TransactionJoin join() {
        return join;
    }

    /** @return whether a request that does not say joins an active transaction */
    public boolean joinByDefault() {
        return settings.join();
    }

    /** @return the outbox's sweeper, or {@code null} without an outbox */
    public OutboxSweeper sweeper() {
        return sweeper;
    }
}
