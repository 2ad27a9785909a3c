package io.sieve.store;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 * The embedded store: RocksDB in {@code <dataDir>/store}. Writes are synced to the write-ahead
 * log before they return, except impressions, which are a training log and not worth a sync
 * each (see {@link Store#logImpressions}). The catalog is also held in memory, because every
 * request reads hundreds of items (filters, reasons) and the catalog is small next to the event
 * log. Catalog writes are serialised so that the cache and the disk can never disagree about an
 * item.
 *
 * <p>One process at a time may open a store for writing (RocksDB locks it); other processes,
 * such as {@code sieve train} beside a running server, open a read-only snapshot with
 * {@link #openSnapshot}.
 */
public final class RocksStore implements Store {
    static {
        RocksDB.loadLibrary();
    }

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
        List<String> names = new ArrayList<>(List.of("default", "items", "users", "events", "user_events", "impressions"));
        if (snapshotDir != null && !hasColumnFamily(dir, "impressions")) {
            // The primary creates missing column families on open, but a secondary cannot, and
            // opening one that does not exist fails.
            names.remove("impressions");
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
        items = handles.get(1);
        users = handles.get(2);
        events = handles.get(3);
        userEvents = handles.get(4);
        impressions = handles.size() > 5 ? handles.get(5) : null;
        try (RocksIterator it = db.newIterator(items)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Item item = readJson(it.value(), Item.class);
                newest.put(catalog.put(item.id(), item), item);
            }
        }
    }

    /** Opens (creating if needed) the store under {@code dataDir} for reading and writing. */
    public static RocksStore open(Path dataDir) {
        try {
            Path dir = dataDir.resolve("store");
            Files.createDirectories(dir);
            return new RocksStore(dir, null);
        } catch (RocksDBException e) {
            throw new StoreException("cannot open the store in " + dataDir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a read-only view of the store as it is now, even while another process (a running
     * server) has it open for writing. Writing through the view fails.
     */
    public static RocksStore openSnapshot(Path dataDir) {
        Path dir = dataDir.resolve("store");
        if (!Files.isDirectory(dir)) {
            throw new StoreException("there is no store in " + dataDir, null);
        }
        Path snapshot = null;
        try {
            snapshot = Files.createTempDirectory("sieve-snapshot-");
            return new RocksStore(dir, snapshot);
        } catch (RocksDBException e) {
            deleteQuietly(snapshot);
            throw new StoreException("cannot read the store in " + dataDir + ": " + e.getMessage(), e);
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
    public void forEachEvent(Consumer<Event> action) {
        try (RocksIterator it = db.newIterator(events)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(EventCodec.decode(it.value()));
            }
        }
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
     * Keys are the epoch millisecond (big-endian) then the request id, so iteration runs in time
     * order and re-logging a request at its timestamp overwrites it.
     */
    @Override
    public void logImpressions(List<Impression> batch) {
        if (impressions == null) {
            throw new StoreException("cannot log impressions in a read-only snapshot", null);
        }
        try (WriteBatch wb = new WriteBatch()) {
            for (Impression imp : batch) {
                byte[] request = EventCodec.utf8(imp.requestId());
                byte[] key = ByteBuffer.allocate(8 + request.length)
                        .putLong(imp.timestamp().toEpochMilli()).put(request).array();
                wb.put(impressions, key, writeJson(imp));
            }
            db.write(logWrites, wb);
        } catch (RocksDBException e) {
            throw new StoreException("cannot log impressions", e);
        }
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
        deleteQuietly(snapshotDir);
    }

    private static boolean hasColumnFamily(Path dir, String name) throws RocksDBException {
        try (Options options = new Options()) {
            byte[] wanted = EventCodec.utf8(name);
            return RocksDB.listColumnFamilies(options, dir.toString()).stream().anyMatch(f -> Arrays.equals(f, wanted));
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
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
