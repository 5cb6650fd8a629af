package io.managedqueue.extension.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * The transactional outbox: a table in the application's own database. A job enqueued in a
 * transaction is inserted here through the application's {@link DataSource}, so the container
 * enlists the insert in that transaction: committed together with the business rows, or not at
 * all. Rows are keyed by a random row id, not the job id: two transactions may enqueue one custom
 * job id (the second deduplicates in Redis) without a unique-key conflict between them.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final DataSource dataSource;
    private final String table;

    /**
     * @param dataSource the application's data source (container-managed: enlists in JTA)
     * @param table      the table's name
     */
    public Outbox(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /** @return the table's DDL for this database (PostgreSQL {@code TEXT}, others {@code CLOB}) */
    static String ddl(String table, String productName) {
        String text = productName.toLowerCase(Locale.ROOT).contains("postgres") ? "TEXT" : "CLOB";
        return "CREATE TABLE " + table + " (row_id VARCHAR(36) NOT NULL PRIMARY KEY, job_id VARCHAR(1024) NOT NULL, "
                + "created_at BIGINT NOT NULL, due_at BIGINT NOT NULL, job " + text + " NOT NULL)";
    }

    /** Creates the table unless it exists (managed-queue.outbox.create-table). */
    public void createTableIfAbsent() {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate(ddl(table, c.getMetaData().getDatabaseProductName()));
            }
            LOG.info("Managed queue: created the outbox table " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("Managed queue: cannot create the outbox table " + table + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(Connection c) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0")) {
            return true;
        } catch (SQLException absent) {
            return false;
        }
    }

    /**
     * Inserts the jobs, one JDBC batch, in the caller's transaction.
     *
     * @return the row ids, in order
     * @throws ManagedQueueException when the database refuses: the caller's transaction should roll back
     */
    List<String> insert(List<PreparedJob> jobs) {
        List<String> rows = new ArrayList<>(jobs.size());
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                     + " (row_id, job_id, created_at, due_at, job) VALUES (?, ?, ?, ?, ?)")) {
            for (PreparedJob job : jobs) {
                String row = UUID.randomUUID().toString();
                s.setString(1, row);
                s.setString(2, job.ref().publicId());
                s.setLong(3, now);
                s.setLong(4, now + job.delayMs());
                s.setString(5, OutboxCodec.encode(job));
                s.addBatch();
                rows.add(row);
            }
            s.executeBatch();
            return rows;
        } catch (SQLException e) {
            throw new ManagedQueueException("enqueue failed: the outbox insert into " + table + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param createdBefore only rows older than this (epoch ms): younger ones are still being relayed after their commit
     * @param limit         at most this many, oldest first
     */
    List<OutboxRow> leftBehind(long createdBefore, int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT row_id, due_at, job FROM " + table
                     + " WHERE created_at < ? ORDER BY created_at")) {
            s.setLong(1, createdBefore);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new OutboxRow(r.getString(1), OutboxCodec.decode(r.getString(3), r.getLong(2) - now)));
                }
            }
        }
        return rows;
    }

    void delete(List<String> rowIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE row_id = ?")) {
            for (String row : rowIds) {
                s.setString(1, row);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Deletes relayed rows; a failure only leaves them for the sweeper, whose relay is idempotent.
     *
     * @return whether they were deleted
     */
    boolean deleteQuietly(List<String> rowIds) {
        try {
            delete(rowIds);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: could not delete " + rowIds.size() + " relayed outbox row(s) from " + table
                    + "; the sweeper relays them again, which creates no second job", e);
            return false;
        }
    }

    @Override
    public String toString() {
        return "outbox table " + table;
    }
}
