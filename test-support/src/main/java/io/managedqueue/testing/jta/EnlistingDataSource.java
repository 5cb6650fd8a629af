package io.managedqueue.testing.jta;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What a container's data source does, for tests: inside a JTA transaction every
 * {@link #getConnection()} returns the transaction's one connection, its XA resource enlisted
 * (closing it is a no-op until the transaction ends); outside, a plain auto-commit connection.
 * Works with any JTA implementation (the tests use Narayana); shared by the extension's transaction
 * tests and the reliability tests' outbox producer.
 */
public final class EnlistingDataSource implements DataSource {

    private final XADataSource xa;
    private final DataSource plain;
    private final TransactionManager tm;
    private final TransactionSynchronizationRegistry registry;

    /**
     * @param xa       where transactional connections come from
     * @param plain    where connections outside a transaction come from
     * @param tm       the transaction manager, for the calling thread's transaction
     * @param registry its synchronization registry, which keeps each transaction's one connection
     */
    public EnlistingDataSource(XADataSource xa, DataSource plain, TransactionManager tm,
                               TransactionSynchronizationRegistry registry) {
        this.xa = xa;
        this.plain = plain;
        this.tm = tm;
        this.registry = registry;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Transaction tx = tm.getTransaction();
            if (tx == null || tx.getStatus() != Status.STATUS_ACTIVE) {
                return plain.getConnection();
            }
            Object key = this;
            Connection shared = (Connection) registry.getResource(key);
            if (shared == null) {
                XAConnection xaConnection = xa.getXAConnection();
                tx.enlistResource(xaConnection.getXAResource());
                shared = keepOpen(xaConnection.getConnection());
                registry.putResource(key, shared);
                registry.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        try {
                            xaConnection.close();
                        } catch (SQLException ignored) {
                            // the transaction is over; nothing to keep
                        }
                    }
                });
            }
            return shared;
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    private static Connection keepOpen(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
