package io.sieve.store;

import io.sieve.files.Directories;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.nativelib.NativeLibraries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded store: RocksDB in one directory ({@code rocksdb:<path>}, by default
 * {@code <dataDir>/store}). Writes are synced to the write-ahead log before they return, except
 * impressions, which are a training log and not worth a sync each (see {@link ImpressionLog}). The catalog is also held in memory, because every
 * request reads hundreds of items (filters, reasons) and the catalog is small next to the event
 * log. Catalog writes are serialised so that the cache and the disk can never disagree about an
 * item.
 *
 * <p>One process at a time may open a store for writing (RocksDB locks it); other processes,
 * such as {@code sieve train} beside a running server, open a read-only snapshot with
 * {@link #openSnapshot}. Opened through {@link RocksStoreProvider}, never named elsewhere.
 */
final class RocksStore implements Store {
    static {
        NativeLibraries.rocksDb();
    }

    private static final Set<String> OPTIONAL_COLUMN_FAMILIES = Set.of("impressions", "user_impressions");

    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions syncWrites;
    private final WriteOptions logWrites;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final ColumnFamilyHandle items;
    private final ColumnFamilyHandle users;
    private final ColumnFamilyHandle events;
    private final ColumnFamilyHandle userEvents;
    /** Null in a snapshot of a store written before impressions were logged: it has none. */
    private final ColumnFamilyHandle impressions;
    /**
     * The impressions again, keyed by user, then time, then request id (see {@link #userImpressionKey});
     * the value is the same JSON as in {@link #impressions}, so that reading a user's recent slates is
     * one prefix scan with no lookups into the log. Null in a snapshot of a store written before
     * this index existed.
     */
    private final ColumnFamilyHandle userImpressions;
    private final Map<String, Item> catalog = new ConcurrentHashMap<>();
    private final NewestItems newest = new NewestItems();
    private final Path snapshotDir;

    /** @param snapshotDir null to open for writing; otherwise where the secondary instance keeps its own files */
    private RocksStore(Path dir, Path snapshotDir) throws RocksDBException {
        this.snapshotDir = snapshotDir;
        dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        cfOptions = new ColumnFamilyOptions().optimizeLevelStyleCompaction();
        syncWrites = new WriteOptions().setSync(true);
        logWrites = new WriteOptions().setSync(false);
        List<String> names = new ArrayList<>(List.of("default", "items", "users", "events", "user_events",
                "impressions", "user_impressions"));
        if (snapshotDir != null) {
            // The primary creates missing column families on open, but a secondary cannot, and
            // opening one that does not exist fails.
            // Only those added after the first release may be missing; the view has none of their data.
            Set<String> existing = columnFamilies(dir);
            names.removeIf(name -> OPTIONAL_COLUMN_FAMILIES.contains(name) && !existing.contains(name));
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : names) {
            descriptors.add(new ColumnFamilyDescriptor(EventCodec.utf8(name), cfOptions));
        }
        if (snapshotDir == null) {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } else {
            // A secondary instance reads the files and the write-ahead log of a store that another
            // process may hold open, without its lock; it sees everything synced up to this moment.
            dbOptions.setMaxOpenFiles(-1);
            db = RocksDB.openAsSecondary(dbOptions, dir.toString(), snapshotDir.toString(), descriptors, handles);
            db.tryCatchUpWithPrimary();
        }
        Map<String, ColumnFamilyHandle> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), handles.get(i));
        }
        items = byName.get("items");
        users = byName.get("users");
        events = byName.get("events");
        userEvents = byName.get("user_events");
        impressions = byName.get("impressions");
        userImpressions = byName.get("user_impressions");
        try (RocksIterator it = db.newIterator(items)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Item item = readJson(it.value(), Item.class);
                newest.put(catalog.put(item.id(), item), item);
            }
        }
    }

    /** Opens (creating if needed) the store in {@code dir} for reading and writing. */
    static RocksStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new RocksStore(dir, null);
        } catch (RocksDBException e) {
            throw new StoreException("cannot open the store in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a read-only view of the store in {@code dir} as it is now, even while another process
     * (a running server) has it open for writing. Writing through the view fails.
     */
    static RocksStore openSnapshot(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StoreException("there is no store in " + dir, null);
        }
        Path snapshot = null;
        try {
            snapshot = Files.createTempDirectory("sieve-snapshot-");
            return new RocksStore(dir, snapshot);
        } catch (RocksDBException e) {
            Directories.deleteQuietly(snapshot);
            throw new StoreException("cannot read the store in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void putItems(List<Item> batch) {
        try (WriteBatch wb = new WriteBatch()) {
            for (Item item : batch) {
                wb.put(items, EventCodec.utf8(item.id()), writeJson(item));
            }
            db.write(syncWrites, wb);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write items", e);
        }
        for (Item item : batch) {
            newest.put(catalog.put(item.id(), item), item);
        }
    }

    @Override
    public Optional<Item> item(String id) {
        return Optional.ofNullable(catalog.get(id));
    }

    @Override
    public synchronized boolean deleteItem(String id) {
        if (!catalog.containsKey(id)) {
            return false;
        }
        try {
            db.delete(items, syncWrites, EventCodec.utf8(id));
        } catch (RocksDBException e) {
            throw new StoreException("cannot delete item " + id, e);
        }
        newest.remove(catalog.remove(id));
        return true;
    }

    @Override
    public List<String> newestItems(int limit) {
        return newest.newest(limit);
    }

    @Override
    public void forEachItem(Consumer<Item> action) {
        try (RocksIterator it = db.newIterator(items)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(readJson(it.value(), Item.class));
            }
        }
    }

    @Override
    public long itemCount() {
        return catalog.size();
    }

    @Override
    public void putUsers(List<User> batch) {
        try (WriteBatch wb = new WriteBatch()) {
            for (User user : batch) {
                wb.put(users, EventCodec.utf8(user.id()), writeJson(user));
            }
            db.write(syncWrites, wb);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write users", e);
        }
    }

    @Override
    public Optional<User> user(String id) {
        try {
            byte[] value = db.get(users, EventCodec.utf8(id));
            return value == null ? Optional.empty() : Optional.of(readJson(value, User.class));
        } catch (RocksDBException e) {
            throw new StoreException("cannot read user " + id, e);
        }
    }

    /**
     * A user's impressions are found through {@code user_impressions}, whose keys end with the key
     * of the same impression in the log, so both are deleted without reading the values.
     */
    @Override
    public boolean deleteUser(String id) {
        byte[] prefix = EventCodec.userPrefix(id);
        try (WriteBatch wb = new WriteBatch(); RocksIterator it = db.newIterator(userEvents)) {
            boolean existed = db.get(users, EventCodec.utf8(id)) != null;
            wb.delete(users, EventCodec.utf8(id));
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                existed = true;
                wb.delete(userEvents, it.key());
                wb.delete(events, EventCodec.timeKey(EventCodec.decode(it.value())));
            }
            if (userImpressions != null) {
                try (RocksIterator shown = db.newIterator(userImpressions)) {
                    for (shown.seek(prefix); shown.isValid() && startsWith(shown.key(), prefix); shown.next()) {
                        existed = true;
                        byte[] key = shown.key();
                        wb.delete(userImpressions, key);
                        wb.delete(impressions, Arrays.copyOfRange(key, prefix.length, key.length));
                    }
                }
            }
            db.write(syncWrites, wb);
            return existed;
        } catch (RocksDBException e) {
            throw new StoreException("cannot delete user " + id, e);
        }
    }

    @Override
    public void forEachUser(Consumer<User> action) {
        try (RocksIterator it = db.newIterator(users)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(readJson(it.value(), User.class));
            }
        }
    }

    @Override
    public void appendEvents(List<Event> batch) {
        try (WriteBatch wb = new WriteBatch()) {
            for (Event e : batch) {
                byte[] value = EventCodec.encode(e);
                wb.put(events, EventCodec.timeKey(e), value);
                wb.put(userEvents, EventCodec.userKey(e), value);
            }
            db.write(syncWrites, wb);
        } catch (RocksDBException e) {
            throw new StoreException("cannot append events", e);
        }
    }

    @Override
    public List<Event> history(String userId, int limit) {
        byte[] prefix = EventCodec.userPrefix(userId);
        // Keys of this user all sort below prefix-with-last-byte-1, so seekForPrev lands on the newest.
        byte[] upper = Arrays.copyOf(prefix, prefix.length);
        upper[upper.length - 1] = 1;
        List<Event> result = new ArrayList<>(Math.min(limit, 256));
        try (RocksIterator it = db.newIterator(userEvents)) {
            for (it.seekForPrev(upper); it.isValid() && result.size() < limit; it.prev()) {
                if (!startsWith(it.key(), prefix)) {
                    break;
                }
                result.add(EventCodec.decode(it.value()));
            }
        }
        return result;
    }

    @Override
    public List<Event> historyPage(String userId, Instant before, int limit) {
        byte[] prefix = EventCodec.userPrefix(userId);
        byte[] start;
        if (before == null) {
            start = Arrays.copyOf(prefix, prefix.length);
            start[start.length - 1] = 1;
        } else {
            // A key of an event at that millisecond continues past these bytes, so it sorts above them.
            start = ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(before.toEpochMilli()).array();
        }
        HistoryPage page = new HistoryPage(limit);
        try (RocksIterator it = db.newIterator(userEvents)) {
            for (it.seekForPrev(start); it.isValid() && startsWith(it.key(), prefix); it.prev()) {
                if (!page.offer(EventCodec.decode(it.value()))) {
                    break;
                }
            }
        }
        return page.events();
    }

    @Override
    public void forEachEvent(Consumer<Event> action) {
        try (RocksIterator it = db.newIterator(events)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(EventCodec.decode(it.value()));
            }
        }
    }

    @Override
    public void forEachEventAfter(Instant after, Consumer<Event> action) {
        forEachAfter(events, after, value -> action.accept(EventCodec.decode(value)));
    }

    @Override
    public long eventCount() {
        try {
            return db.getLongProperty(events, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StoreException("cannot count events", e);
        }
    }

    /**
     * Keys are the epoch millisecond (big-endian) then the request id (see {@link #impressionKey}),
     * so iteration runs in time order and re-logging a request at its timestamp overwrites it.
     * The log and the per-user index are written in one batch. Re-logging under another user
     * (or none) first removes the entry under the previous user from the index, which costs a
     * point lookup in the log per impression; the server logs off the request path, on one thread.
     */
    @Override
    public void logImpressions(List<Impression> batch) {
        if (impressions == null || userImpressions == null) {
            throw new StoreException("cannot log impressions in a read-only snapshot", null);
        }
        // The user each key is logged under so far in this batch, which the database cannot tell yet.
        Map<ByteBuffer, Optional<String>> batchUsers = new HashMap<>();
        try (WriteBatch wb = new WriteBatch()) {
            for (Impression imp : batch) {
                byte[] key = impressionKey(imp);
                Optional<String> previous = batchUsers.get(ByteBuffer.wrap(key));
                if (previous == null) {
                    byte[] old = db.get(impressions, key);
                    previous = old == null ? Optional.empty() : Optional.ofNullable(readJson(old, Impression.class).user());
                }
                if (previous.isPresent() && !previous.get().equals(imp.user())) {
                    wb.delete(userImpressions, userImpressionKey(previous.get(), key));
                }
                byte[] value = writeJson(imp);
                wb.put(impressions, key, value);
                if (imp.user() != null) {
                    wb.put(userImpressions, userImpressionKey(imp.user(), key), value);
                }
                batchUsers.put(ByteBuffer.wrap(key), Optional.ofNullable(imp.user()));
            }
            db.write(logWrites, wb);
        } catch (RocksDBException e) {
            throw new StoreException("cannot log impressions", e);
        }
    }

    @Override
    public List<Impression> recentImpressions(String userId, int limit) {
        if (userImpressions == null || limit <= 0) {
            return List.of();
        }
        byte[] prefix = EventCodec.userPrefix(userId);
        // As in history: every key of this user sorts below the prefix with its 0 separator turned to 1.
        byte[] upper = Arrays.copyOf(prefix, prefix.length);
        upper[upper.length - 1] = 1;
        List<Impression> result = new ArrayList<>(Math.min(limit, 64));
        try (RocksIterator it = db.newIterator(userImpressions)) {
            for (it.seekForPrev(upper); it.isValid() && result.size() < limit; it.prev()) {
                if (!startsWith(it.key(), prefix)) {
                    break;
                }
                result.add(readJson(it.value(), Impression.class));
            }
        }
        return result;
    }

    @Override
    public void forEachImpression(Consumer<Impression> action) {
        if (impressions == null) {
            return;
        }
        try (RocksIterator it = db.newIterator(impressions)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(readJson(it.value(), Impression.class));
            }
        }
    }

    @Override
    public void forEachImpressionAfter(Instant after, Consumer<Impression> action) {
        if (impressions != null) {
            forEachAfter(impressions, after, value -> action.accept(readJson(value, Impression.class)));
        }
    }

    /**
     * The values of a column family keyed by epoch millisecond first (big-endian), from the first
     * millisecond after {@code after}. Times before 1970 sort after all others as bytes, so the
     * scan starts at the first key from 1970 on when it can, and every key's time is checked.
     */
    private void forEachAfter(ColumnFamilyHandle family, Instant after, Consumer<byte[]> action) {
        long from = after.toEpochMilli() + 1;
        try (RocksIterator it = db.newIterator(family)) {
            if (from > 0) {
                it.seek(ByteBuffer.allocate(Long.BYTES).putLong(from).array());
            } else {
                it.seekToFirst();
            }
            for (; it.isValid(); it.next()) {
                if (ByteBuffer.wrap(it.key()).getLong() >= from) {
                    action.accept(it.value());
                }
            }
        }
    }

    /** An estimate, like {@link #eventCount}. */
    @Override
    public long impressionCount() {
        if (impressions == null) {
            return 0;
        }
        try {
            return db.getLongProperty(impressions, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StoreException("cannot count impressions", e);
        }
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        syncWrites.close();
        logWrites.close();
        cfOptions.close();
        dbOptions.close();
        Directories.deleteQuietly(snapshotDir);
    }

    /** Key of an impression in the log: epoch millisecond (big-endian), then the request id. */
    private static byte[] impressionKey(Impression imp) {
        byte[] request = EventCodec.utf8(imp.requestId());
        return ByteBuffer.allocate(8 + request.length).putLong(imp.timestamp().toEpochMilli()).put(request).array();
    }

    /**
     * Key of an impression in {@code user_impressions}: the user's prefix as in {@code user_events}
     * (id, then a 0 byte), then its key in the log, so a user's keys run oldest to newest and
     * {@link #recentImpressions} reads them backwards from the end of the prefix.
     */
    private static byte[] userImpressionKey(String user, byte[] impressionKey) {
        byte[] prefix = EventCodec.userPrefix(user);
        return ByteBuffer.allocate(prefix.length + impressionKey.length).put(prefix).put(impressionKey).array();
    }

    private static Set<String> columnFamilies(Path dir) throws RocksDBException {
        try (Options options = new Options()) {
            return RocksDB.listColumnFamilies(options, dir.toString()).stream()
                    .map(f -> new String(f, StandardCharsets.UTF_8))
                    .collect(Collectors.toSet());
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] writeJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T readJson(byte[] data, Class<T> type) {
        try {
            return Json.MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
