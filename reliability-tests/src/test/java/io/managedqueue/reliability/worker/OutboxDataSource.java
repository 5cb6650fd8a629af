package io.managedqueue.reliability.worker;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/**
 * The outbox's data source in a sweeping worker JVM ({@code managed-queue.outbox.datasource-name=app}):
 * no JTA there, so plain connections; the sweeper needs no transaction (Redis first, then the delete).
 */
@Dependent
public class OutboxDataSource {

    @Produces
    @Named("app")
    DataSource app() {
        return OutboxJdbc.plain(OutboxJdbc.url());
    }
}
