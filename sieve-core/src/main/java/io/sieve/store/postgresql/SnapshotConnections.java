package io.sieve.store.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Connections that all read one state of the database. A holder connection opens a
 * {@code REPEATABLE READ READ ONLY} transaction and exports its snapshot; every reading connection
 * imports it ({@code SET TRANSACTION SNAPSHOT}) in a transaction it keeps open, and goes back to the
 * queue after each read. A reading connection can die under its reader (on a virtual thread,
 * interrupting a socket read closes the socket, and abandoned funnel stages are interrupted): then
 * it is dropped and the next read opens another, which sees the same state while the holder lives.
 */
final class SnapshotConnections implements AutoCloseable {
    private final String jdbc;
    private final Connection holder;
    private final String snapshot;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final List<Connection> opened = new ArrayList<>();

    /** @param check run first in the holder's transaction, which fixes the state (it may throw to refuse) */
    SnapshotConnections(String jdbc, SqlCheck check) throws SQLException {
        this.jdbc = jdbc;
        this.holder = DriverManager.getConnection(jdbc);
        try {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                check.run(holder);
                try (ResultSet r = s.executeQuery("SELECT pg_export_snapshot()")) {
                    r.next();
                    this.snapshot = r.getString(1);
                }
            }
        } catch (SQLException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    @FunctionalInterface
    interface SqlCheck {
        void run(Connection connection) throws SQLException;
    }

    /** A connection reading the snapshot; give it back with {@link #release}. */
    Connection take() throws SQLException {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        c = DriverManager.getConnection(jdbc);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        synchronized (opened) {
            opened.add(c);
        }
        return c;
    }

    /** Back to the queue, unless it broke: a failed statement ends a PostgreSQL transaction's use. */
    void release(Connection c, boolean failed) {
        try {
            if (!failed && !c.isClosed()) {
                idle.add(c);
                return;
            }
            c.close();
        } catch (SQLException ignored) {
            // A connection that cannot even be closed is gone already.
        }
    }

    @Override
    public void close() throws SQLException {
        synchronized (opened) {
            for (Connection c : opened) {
                c.close();
            }
        }
        holder.close();
    }
}
