package dev.qualitygate.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where the store's connections come from: the driver, with a few idle connections kept for reuse, or an
 * application's {@link DataSource} (usually a pool). Every connection it hands out is in auto-commit mode.
 * Thread-safe.
 */
abstract class ConnectionSource implements AutoCloseable {

    /**
     * A connection to use for one operation.
     *
     * @return an open connection in auto-commit mode
     * @throws SQLException if none can be had
     */
    abstract Connection get() throws SQLException;

    /**
     * Gives a connection back after an operation.
     *
     * @param connection the connection from {@link #get()}
     * @param lost {@code true} if the operation found the connection lost; then it is closed, and so are the idle
     *     ones, which a restarted server has most likely dropped as well
     */
    abstract void release(Connection connection, boolean lost);

    /** Closes the idle connections; connections in use are closed when released. Idempotent. */
    @Override
    public abstract void close();

    /**
     * Connections from {@link DriverManager}, up to {@code maxIdle} of them kept open between operations.
     *
     * @param url the URL for the driver
     * @param properties the connection properties
     * @param maxIdle how many idle connections to keep
     * @return the source
     */
    static ConnectionSource driver(String url, Properties properties, int maxIdle) {
        return new Driver(url, properties, maxIdle);
    }

    /**
     * Connections from a data source, each closed after its operation (which returns it to a pool).
     *
     * @param dataSource the data source
     * @return the source
     */
    static ConnectionSource dataSource(DataSource dataSource) {
        return new FromDataSource(dataSource);
    }

    static void closeQuietly(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // the connection is gone either way
        }
    }

    private static final class Driver extends ConnectionSource {
        private final String url;
        private final Properties properties;
        private final int maxIdle;
        private final Deque<Connection> idle = new ArrayDeque<>();
        private boolean closed;

        Driver(String url, Properties properties, int maxIdle) {
            this.url = url;
            this.properties = properties;
            this.maxIdle = maxIdle;
        }

        @Override
        Connection get() throws SQLException {
            synchronized (this) {
                Connection c = idle.pollFirst();
                if (c != null) {
                    return c;
                }
            }
            Connection c = DriverManager.getConnection(url, properties);
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            return c;
        }

        @Override
        void release(Connection connection, boolean lost) {
            if (lost) {
                closeQuietly(connection);
                drain();
                return;
            }
            synchronized (this) {
                if (!closed && idle.size() < maxIdle) {
                    idle.addFirst(connection);
                    return;
                }
            }
            closeQuietly(connection);
        }

        private void drain() {
            Deque<Connection> dropped;
            synchronized (this) {
                dropped = new ArrayDeque<>(idle);
                idle.clear();
            }
            dropped.forEach(ConnectionSource::closeQuietly);
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            drain();
        }
    }

    private static final class FromDataSource extends ConnectionSource {
        private final DataSource dataSource;

        FromDataSource(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        Connection get() throws SQLException {
            Connection c = dataSource.getConnection();
            try {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            return c;
        }

        @Override
        void release(Connection connection, boolean lost) {
            closeQuietly(connection);
        }

        @Override
        public void close() {
            // the application owns the data source
        }
    }
}
