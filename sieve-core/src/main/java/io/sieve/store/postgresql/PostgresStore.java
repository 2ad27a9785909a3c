package io.sieve.store.postgresql;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A {@link Store} in PostgreSQL (schema: {@code db/migration/postgresql}, applied by Flyway when
 * the store is opened). The live store takes connections from a pool, each write one transaction;
 * a snapshot reads through {@link SnapshotConnections}, which all see the state of the moment it
 * was opened, and refuses writes. Long scans read through a
 * server-side cursor, a batch of rows at a time. Ids compare as UTF-8 bytes ({@code COLLATE "C"}).
 */
final class PostgresStore implements Store {
    /** Rows fetched per round trip when a scan streams. */
    private static final int FETCH = 10_000;
    private static final String EVENT_COLUMNS = "user_id, item, type, at, value, request_id, surface";
    private static final String NEWEST_FIRST = " ORDER BY at DESC, item DESC, type DESC";

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;
    private final SnapshotConnections snapshot;
    /** The live store's catalog in memory (as RocksStore keeps its own), or null for a snapshot. */
    private final CatalogMirror mirror;
    /** A snapshot's catalog, read whole on first use: it never changes. */
    private volatile Map<String, Item> frozen;
    private final AutoCloseable resources;
    private final String where;

    private PostgresStore(DataSource pool, CatalogMirror mirror, SnapshotConnections snapshot, AutoCloseable resources,
                          String where) {
        this.pool = pool;
        this.mirror = mirror;
        this.snapshot = snapshot;
        this.resources = resources;
        this.where = where;
    }

    /** @param where the database, for messages (never its password) */
    static PostgresStore live(DataSource pool, CatalogMirror mirror, AutoCloseable closes, String where) {
        return new PostgresStore(pool, mirror, null, closes, where);
    }

    static PostgresStore snapshot(SnapshotConnections connections, String where) {
        return new PostgresStore(null, null, connections, connections, where);
    }

    private <T> T read(Work<T> work) {
        if (snapshot != null) {
            Connection c = null;
            boolean failed = true;
            try {
                c = snapshot.take();
                T result = work.run(c);
                failed = false;
                return result;
            } catch (SQLException e) {
                throw failure("read", e);
            } finally {
                if (c != null) {
                    snapshot.release(c, failed);
                }
            }
        }
        try (Connection c = pool.getConnection()) {
            // A cursor (setFetchSize) only streams inside a transaction.
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private <T> T write(Work<T> work) {
        if (snapshot != null) {
            throw new StoreException("a snapshot of the PostgreSQL store at " + where + " is read-only", null);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " the PostgreSQL store at " + where + ": " + e.getMessage(), e);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Runs the query and hands each row's first column, parsed, to the action, a batch of rows at a time. */
    private <T> void scan(String sql, Class<T> type, Consumer<T> action, Object... parameters) {
        read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH);
                bind(s, parameters);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        action.accept(parse(r.getString(1), type));
                    }
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }

    private long count(String table) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private <T> Optional<T> one(String sql, Class<T> type, String id) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(parse(r.getString(1), type)) : Optional.<T>empty();
                }
            }
        });
    }

    private int update(String sql, String id) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id);
                return s.executeUpdate();
            }
        });
    }

    // Catalog

    @Override
    public void putItems(List<Item> items) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO items (id, created_at, doc) VALUES (?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET created_at = EXCLUDED.created_at, doc = EXCLUDED.doc")) {
                for (Item item : items) {
                    s.setString(1, item.id());
                    s.setObject(2, item.createdAt() == null ? null : item.createdAt().toEpochMilli(), Types.BIGINT);
                    s.setString(3, json(item));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        rereadIntoMirror(items.stream().map(Item::id).toList());
    }

    private void rereadIntoMirror(List<String> ids) {
        read(c -> {
            mirror.reread(ids, c);
            return null;
        });
    }

    /** From memory: the funnel looks up hundreds of candidates a request, inside its deadline. */
    @Override
    public Optional<Item> item(String id) {
        if (mirror != null) {
            return mirror.item(id);
        }
        Map<String, Item> items = frozen;
        if (items == null) {
            synchronized (this) {
                if (frozen == null) {
                    Map<String, Item> all = new ConcurrentHashMap<>();
                    forEachItem(item -> all.put(item.id(), item));
                    frozen = all;
                }
                items = frozen;
            }
        }
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public boolean deleteItem(String id) {
        boolean deleted = update("DELETE FROM items WHERE id = ?", id) > 0;
        rereadIntoMirror(List.of(id));
        return deleted;
    }

    @Override
    public void forEachItem(Consumer<Item> action) {
        scan("SELECT doc FROM items ORDER BY id", Item.class, action);
    }

    @Override
    public long itemCount() {
        return count("items");
    }

    @Override
    public List<String> newestItems(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM items WHERE created_at IS NOT NULL ORDER BY created_at DESC, id LIMIT ?")) {
                s.setInt(1, limit);
                List<String> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public void putUsers(List<User> users) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO users (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc")) {
                for (User user : users) {
                    s.setString(1, user.id());
                    s.setString(2, json(user));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<User> user(String id) {
        return one("SELECT doc FROM users WHERE id = ?", User.class, id);
    }

    @Override
    public void forEachUser(Consumer<User> action) {
        scan("SELECT doc FROM users ORDER BY id", User.class, action);
    }

    // Events

    @Override
    public void appendEvents(List<Event> events) {
        // One statement for the whole batch, its columns as arrays: a statement per event costs a
        // round of parsing and planning each, several times the insert itself. A statement may
        // touch a row once, so an event repeated in the batch is sent once, as its last copy.
        Map<List<Object>, Event> unique = new LinkedHashMap<>();
        for (Event e : events) {
            unique.put(List.of(e.user(), e.item(), e.type(), e.timestamp().toEpochMilli()), e);
        }
        int n = unique.size();
        String[] users = new String[n];
        String[] items = new String[n];
        String[] types = new String[n];
        Long[] at = new Long[n];
        Double[] values = new Double[n];
        String[] requestIds = new String[n];
        String[] surfaces = new String[n];
        int i = 0;
        for (Event e : unique.values()) {
            users[i] = e.user();
            items[i] = e.item();
            types[i] = e.type();
            at[i] = e.timestamp().toEpochMilli();
            values[i] = e.value();
            requestIds[i] = e.requestId();
            surfaces[i++] = e.surface();
        }
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO events (" + EVENT_COLUMNS + ") "
                    + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::float8[], ?::text[], ?::text[]) "
                    + "ON CONFLICT (user_id, item, type, at) DO UPDATE SET value = EXCLUDED.value, "
                    + "request_id = EXCLUDED.request_id, surface = EXCLUDED.surface")) {
                s.setArray(1, c.createArrayOf("text", users));
                s.setArray(2, c.createArrayOf("text", items));
                s.setArray(3, c.createArrayOf("text", types));
                s.setArray(4, c.createArrayOf("bigint", at));
                s.setArray(5, c.createArrayOf("float8", values));
                s.setArray(6, c.createArrayOf("text", requestIds));
                s.setArray(7, c.createArrayOf("text", surfaces));
                s.executeUpdate();
            }
            return null;
        });
    }

    private static Event event(ResultSet r) throws SQLException {
        double value = r.getDouble(5);
        Double stored = r.wasNull() ? null : value;
        return new Event(r.getString(1), r.getString(2), r.getString(3), stored,
                Instant.ofEpochMilli(r.getLong(4)), r.getString(6), r.getString(7));
    }

    private List<Event> events(String sql, Object... parameters) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, parameters);
                List<Event> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(event(r));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Event> history(String userId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return events("SELECT " + EVENT_COLUMNS + " FROM events WHERE user_id = ?" + NEWEST_FIRST + " LIMIT ?", userId, limit);
    }

    /**
     * The page ends at a millisecond boundary: it holds every event of its last millisecond, so the
     * next page, strictly before it, skips none.
     */
    @Override
    public List<Event> historyPage(String userId, Instant before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // Events stored to the millisecond: those before an instant inside a millisecond include it.
        long end = before == null ? Long.MAX_VALUE : before.toEpochMilli() + (before.getNano() % 1_000_000 == 0 ? 0 : 1);
        List<Event> page = events("SELECT " + EVENT_COLUMNS + " FROM events WHERE user_id = ? AND at < ?" + NEWEST_FIRST + " LIMIT ?",
                userId, end, limit);
        if (page.size() < limit) {
            return page;
        }
        long last = page.getLast().timestamp().toEpochMilli();
        return events("SELECT " + EVENT_COLUMNS + " FROM events WHERE user_id = ? AND at < ? AND at >= ?" + NEWEST_FIRST,
                userId, end, last);
    }

    @Override
    public void forEachEvent(Consumer<Event> action) {
        forEachEventAfter(null, action);
    }

    @Override
    public void forEachEventAfter(Instant after, Consumer<Event> action) {
        read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM events WHERE at > ? "
                    + "ORDER BY at, user_id, item, type")) {
                s.setFetchSize(FETCH);
                s.setLong(1, after == null ? Long.MIN_VALUE : after.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        action.accept(event(r));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public long eventCount() {
        return count("events");
    }

    // Impressions

    /** Impressions keep their time to the nanosecond: (time, request id) identifies one. */
    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    @Override
    public void logImpressions(List<Impression> impressions) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO impressions (at, request_id, user_id, doc) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (at, request_id) DO UPDATE SET user_id = EXCLUDED.user_id, doc = EXCLUDED.doc")) {
                for (Impression i : impressions) {
                    s.setLong(1, nanos(i.timestamp()));
                    s.setString(2, i.requestId());
                    s.setString(3, i.user());
                    s.setString(4, json(i));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Impression> recentImpressions(String userId, int limit) {
        if (limit <= 0 || userId == null) {
            return List.of();
        }
        List<Impression> out = new ArrayList<>();
        scan("SELECT doc FROM impressions WHERE user_id = ? ORDER BY at DESC, request_id DESC LIMIT ?", Impression.class, out::add,
                userId, limit);
        return out;
    }

    @Override
    public void forEachImpression(Consumer<Impression> action) {
        forEachImpressionAfter(null, action);
    }

    @Override
    public void forEachImpressionAfter(Instant after, Consumer<Impression> action) {
        scan("SELECT doc FROM impressions WHERE at > ? ORDER BY at, request_id", Impression.class, action,
                after == null ? Long.MIN_VALUE : nanos(after));
    }

    @Override
    public long impressionCount() {
        return count("impressions");
    }

    @Override
    public boolean deleteUser(String id) {
        return write(c -> {
            int removed = 0;
            for (String sql : List.of("DELETE FROM users WHERE id = ?", "DELETE FROM events WHERE user_id = ?",
                    "DELETE FROM impressions WHERE user_id = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, id);
                    removed += s.executeUpdate();
                }
            }
            return removed > 0;
        });
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the PostgreSQL store at " + where + ": " + e.getMessage(), e);
        }
    }
}
