package io.sieve.store.postgresql;

import io.sieve.model.Item;
import io.sieve.store.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog in memory, kept in step with the database: the funnel looks up every candidate,
 * hundreds per request inside the retrieval deadline, which a round trip each would blow (and an
 * abandoned retriever's interrupted virtual thread closes the connection it was reading on). A
 * trigger notifies {@code sieve_items} with the id of every changed item at commit, in commit
 * order, to every process; a listener on its own connection and platform thread re-reads those
 * items. After a lost connection it listens again and reloads everything, so no change is missed.
 * The process's own writes are applied at once, without waiting for their notification, by the same
 * re-read: one lock orders every read into the mirror, and each reads what is committed now, so a
 * read can never land older than the one before it (a listener's re-read started before a write
 * committed used to land after the writer's own put and undo it until the next notification).
 */
final class CatalogMirror implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogMirror.class);
    private static final String CHANNEL = "sieve_items";
    private static final int WAIT_MILLIS = 500;

    private final String jdbc;
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean closing;
    private Connection listening;

    /** Listens, loads the whole catalog, then follows the notifications on a thread of its own. */
    CatalogMirror(String jdbc) throws SQLException {
        this.jdbc = jdbc;
        listen();
        this.listener = Thread.ofPlatform().name("sieve-catalog-mirror").daemon().start(this::follow);
    }

    Optional<Item> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** Applies what the database holds now for these ids, on the caller's connection. */
    synchronized void reread(Collection<String> ids, Connection c) throws SQLException {
        Map<String, Item> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, doc FROM items WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), Json.MAPPER.readValue(r.getString(2), Item.class));
                }
            }
        } catch (java.io.IOException e) {
            throw new SQLException("a stored item cannot be read", e);
        }
        for (String id : ids) {
            Item item = found.get(id);
            if (item == null) {
                items.remove(id);
            } else {
                items.put(id, item);
            }
        }
    }

    /** LISTEN first, then load: a change committed during the load is notified and read again. */
    private synchronized void listen() throws SQLException {
        Connection c = DriverManager.getConnection(jdbc);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
            try (ResultSet r = s.executeQuery("SELECT id, doc FROM items")) {
                Map<String, Item> loaded = new HashMap<>();
                while (r.next()) {
                    loaded.put(r.getString(1), Json.MAPPER.readValue(r.getString(2), Item.class));
                }
                items.keySet().retainAll(loaded.keySet());
                items.putAll(loaded);
            }
        } catch (SQLException | java.io.IOException e) {
            c.close();
            throw e instanceof SQLException se ? se : new SQLException("a stored item cannot be read", e);
        }
        listening = c;
    }

    private void follow() {
        while (!closing) {
            try {
                PGNotification[] changes = listening.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (changes != null) {
                    List<String> ids = new ArrayList<>(changes.length);
                    for (PGNotification change : changes) {
                        ids.add(change.getParameter());
                    }
                    reread(ids, listening);
                }
            } catch (SQLException e) {
                if (closing) {
                    return;
                }
                LOG.warn("lost the catalog's change notifications ({}); listening again", e.getMessage());
                reconnect();
            }
        }
    }

    private void reconnect() {
        try {
            listening.close();
        } catch (SQLException ignored) {
            // Broken already.
        }
        while (!closing) {
            try {
                listen();
                return;
            } catch (SQLException e) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        closing = true;
        listener.interrupt();
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listening.close();
    }
}
