package io.managedqueue.extension.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.h2.jdbcx.JdbcDataSource;

import io.managedqueue.testing.jta.EnlistingDataSource;

/**
 * The application's database in these tests: an in-memory H2 (runs anywhere) or the local
 * PostgreSQL, behind an {@link EnlistingDataSource}, with one business table {@code orders}.
 */
public final class Database {

    /** The data source the beans of the running test use (the handler, the outbox producer). */
    static volatile DataSource current;

    private Database() {
    }

    /** @return a fresh in-memory H2 database with the orders table */
    public static DataSource h2() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return install(new EnlistingDataSource(h2, h2, Jta.tm(), Jta.registry()), "CLOB");
    }

    /**
     * @return the local PostgreSQL ({@code 127.0.0.1:5432/test}, trust auth) in a fresh schema of its own, with the orders table
     */
    public static DataSource postgres() throws SQLException {
        String schema = "mq_tx_" + UUID.randomUUID().toString().substring(0, 8);
        postgresSchema = schema;
        org.postgresql.ds.PGSimpleDataSource admin = pg(null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA " + schema);
        }
        org.postgresql.xa.PGXADataSource xa = new org.postgresql.xa.PGXADataSource();
        xa.setUrl(PG_URL);
        xa.setUser("postgres");
        xa.setCurrentSchema(schema);
        return install(new EnlistingDataSource(xa, pg(schema), Jta.tm(), Jta.registry()), "TEXT");
    }

    private static String postgresSchema;

    /** Drops the schema {@link #postgres()} made. */
    public static void dropPostgresSchema() throws SQLException {
        try (Connection c = pg(null).getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP SCHEMA IF EXISTS " + postgresSchema + " CASCADE");
        }
    }

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static org.postgresql.ds.PGSimpleDataSource pg(String schema) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(PG_URL);
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    /** @return whether the local PostgreSQL answers (CI's fresh machine may not run one) */
    public static boolean postgresRunning() {
        try (Connection c = pg(null).getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static DataSource install(DataSource ds, String textType) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS orders");
            s.executeUpdate("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, job_id VARCHAR(1024), status VARCHAR(32))");
        }
        current = ds;
        return ds;
    }

    /** Inserts an order row (in the caller's transaction, when there is one). */
    public static void insertOrder(String id, String jobId) throws SQLException {
        try (Connection c = current.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, job_id, status) VALUES (?, ?, 'NEW')")) {
            s.setString(1, id);
            s.setString(2, jobId);
            s.executeUpdate();
        }
    }

    /** @return the order's status, empty when there is no such row */
    public static Optional<String> orderStatus(String id) throws SQLException {
        try (Connection c = current.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** @return how many rows the table has */
    public static int count(String table) throws SQLException {
        try (Connection c = current.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Makes the test's data source a {@code @Named("app")} bean, for {@code managed-queue.outbox.datasource-name}. */
    @Dependent
    public static class Producer {
        @Produces
        @Named("app")
        DataSource app() {
            return current;
        }
    }
}
