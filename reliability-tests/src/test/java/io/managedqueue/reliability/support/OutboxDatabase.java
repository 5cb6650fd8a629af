package io.managedqueue.reliability.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.h2.tools.Server;

import io.managedqueue.testing.TestRedis;

/**
 * The outbox scenario's database, which outlives the producer JVM it kills: an H2 TCP server in the
 * test JVM (127.0.0.1, a free port, an in-memory database), or a fresh schema in the local PostgreSQL.
 * The test creates the tables (the outbox's DDL as the README gives it, and {@code orders}), as an
 * application's migrations would.
 */
public final class OutboxDatabase implements AutoCloseable {

    public static final String OUTBOX = "managed_queue_outbox";
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String url;
    private final Server h2;
    private final String pgSchema;
    private final Connection connection;

    private OutboxDatabase(String url, Server h2, String pgSchema) throws SQLException {
        this.url = url;
        this.h2 = h2;
        this.pgSchema = pgSchema;
        this.connection = DriverManager.getConnection(url);
    }

    /** @return an H2 TCP server of this test's own, its database created and kept while the test runs */
    public static OutboxDatabase h2() throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(TestRedis.freePort()), "-ifNotExists").start();
        ProcessRegistry.onExit(server::stop);
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new OutboxDatabase(url, server, null).withTables("CLOB");
    }

    /** @return a fresh schema in the local PostgreSQL (127.0.0.1:5432, database test, trust auth) */
    public static OutboxDatabase postgres() throws SQLException {
        String schema = "mq_rel_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(PG + "?user=postgres"); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA " + schema);
        }
        return new OutboxDatabase(PG + "?user=postgres&currentSchema=" + schema, null, schema).withTables("TEXT");
    }

    /** @return whether the local PostgreSQL answers (a fresh CI machine may run none) */
    public static boolean postgresRunning() {
        DriverManager.setLoginTimeout(2);
        try (Connection c = DriverManager.getConnection(PG + "?user=postgres&connectTimeout=2")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private OutboxDatabase withTables(String text) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE " + OUTBOX + " (row_id VARCHAR(36) NOT NULL PRIMARY KEY, job_id VARCHAR(1024) NOT NULL, "
                    + "created_at BIGINT NOT NULL, due_at BIGINT NOT NULL, job " + text + " NOT NULL)");
            s.executeUpdate("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, job_id VARCHAR(1024) NOT NULL)");
        }
        return this;
    }

    /** @return the JDBC URL both the producer and the sweepers use */
    public String url() {
        return url;
    }

    /** @return committed orders: order id to the id of the job its transaction enqueued */
    public Map<String, String> orders() throws SQLException {
        Map<String, String> orders = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT id, job_id FROM orders ORDER BY id")) {
            while (r.next()) {
                orders.put(r.getString(1), r.getString(2));
            }
        }
        return orders;
    }

    /** @return the job ids of the outbox's rows (one per row) */
    public List<String> outboxJobIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT job_id FROM " + OUTBOX)) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    public int count(String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (pgSchema != null) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
            }
        }
        connection.close();
        if (h2 != null) {
            h2.stop();
        }
    }
}
