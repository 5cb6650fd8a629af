package io.managedqueue.extension.tx;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.managedqueue.extension.config.ConfigDurations;
import io.managedqueue.extension.config.QueueConfig;

/**
 * The {@code managed-queue.transaction.*} and {@code managed-queue.outbox.*} settings (see the README).
 *
 * @param join                 whether a request that does not say joins an active transaction ({@code true})
 * @param outboxJndiName       the outbox's data source by JNDI name, if any
 * @param outboxBeanName       or by the {@code @Named} qualifier of a {@code DataSource} bean
 * @param outboxTable          the outbox table ({@code managed_queue_outbox})
 * @param createTable          create the table at start-up when absent ({@code false})
 * @param sweepInterval        how often a process looks for rows a crash left behind ({@code PT10S})
 * @param sweepAfter           how old a row must be before the sweeper takes it ({@code PT30S})
 */
public record TransactionSettings(boolean join, Optional<String> outboxJndiName, Optional<String> outboxBeanName,
                                  String outboxTable, boolean createTable, Duration sweepInterval, Duration sweepAfter) {

    private static final String P = QueueConfig.PREFIX;

    /** Reads and validates the settings; a bad value names its key. */
    public static TransactionSettings read(Config config) {
        String table = text(config, "outbox.table").orElse("managed_queue_outbox");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException(P + "outbox.table must be a plain SQL name ([schema.]table), was " + table);
        }
        TransactionSettings s = new TransactionSettings(bool(config, "transaction.join", true),
                text(config, "outbox.datasource"), text(config, "outbox.datasource-name"), table,
                bool(config, "outbox.create-table", false),
                duration(config, "outbox.sweep-interval", "PT10S"), duration(config, "outbox.sweep-after", "PT30S"));
        if (s.outboxJndiName.isPresent() && s.outboxBeanName.isPresent()) {
            throw new IllegalArgumentException(P + "outbox.datasource and " + P + "outbox.datasource-name: set one, not both");
        }
        return s;
    }

    /** @return whether an outbox is configured */
    public boolean outbox() {
        return outboxJndiName.isPresent() || outboxBeanName.isPresent();
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(P + key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static boolean bool(Config config, String key, boolean fallback) {
        return text(config, key).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(P + key + " must be true or false, was " + v);
            }
            return Boolean.parseBoolean(v);
        }).orElse(fallback);
    }

    private static Duration duration(Config config, String key, String fallback) {
        Duration d = ConfigDurations.parse(P + key, text(config, key).orElse(fallback));
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(P + key + " must be > 0, was " + d);
        }
        return d;
    }
}
