package io.managedqueue.reliability.worker;

import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * The outbox scenario's database, reached by URL ({@value #URL}): an H2 TCP server of the test's own or
 * the local PostgreSQL. The same database for the producer JVM (in JTA transactions) and the sweepers.
 */
public final class OutboxJdbc {

    /** System property: the JDBC URL of the scenario's database. */
    public static final String URL = "rel.outbox.url";

    private OutboxJdbc() {
    }

    public static String url() {
        String url = System.getProperty(URL);
        if (url == null) {
            throw new IllegalStateException("no -D" + URL);
        }
        return url;
    }

    /** @return auto-commit connections, outside any transaction */
    public static DataSource plain(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(url);
            return pg;
        }
        return h2(url);
    }

    /** @return connections whose XA resource a transaction manager enlists */
    public static XADataSource xa(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGXADataSource pg = new PGXADataSource();
            pg.setUrl(url);
            return pg;
        }
        return h2(url);
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        return h2;
    }
}
