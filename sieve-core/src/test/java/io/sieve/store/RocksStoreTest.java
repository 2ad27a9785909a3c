package io.sieve.store;

import static io.sieve.store.StoreContractTest.assertSameImpressions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** What only the embedded store does: keep its data across reopening, where the URL says, in formats older versions wrote. */
class RocksStoreTest {
    private static final StoreUrl DEFAULT = StoreUrl.parse("rocksdb:store");

    @TempDir
    Path dataDir;

    private Store open() {
        return StoreProviders.open(DEFAULT, dataDir);
    }

    private Store snapshot() {
        return StoreProviders.openSnapshot(DEFAULT, dataDir);
    }

    private static Impression impression(String requestId, String user, String timestamp) {
        return new Impression(requestId, user, Instant.parse(timestamp), "home", "ios", "m-7", "schema-1",
                List.of(new Impression.Shown("a", 0, 0.75, 0.25, new float[] {1.5f, -0.1f})));
    }

    private static List<Impression> all(Store store) {
        List<Impression> seen = new ArrayList<>();
        store.forEachImpression(seen::add);
        return seen;
    }

    private final Impression u1 = impression("q-1", "u", "2024-05-01T09:00:00Z");
    private final Impression w1 = impression("q-2", "w", "2024-05-01T09:00:01Z");
    private final Impression u2 = impression("q-3", "u", "2024-05-01T09:00:02.5Z");

    @Test
    void everythingWrittenIsThereAfterReopening() {
        try (Store store = open()) {
            store.putItems(List.of(Item.of("a", "Alpha", List.of("x")), Item.of("b", "Beta", List.of())));
            store.putItems(List.of(Item.of("a", "Alpha 2", List.of("y"))));
            store.deleteItem("b");
            store.putUsers(List.of(new User("u", Map.of("age", 31))));
            store.appendEvents(List.of(Event.of("u", "a", "view", Instant.ofEpochSecond(10))));
            store.logImpressions(List.of(u2, w1, u1));
        }
        try (Store store = open()) {
            assertEquals("Alpha 2", store.item("a").orElseThrow().title());
            assertTrue(store.item("b").isEmpty());
            assertEquals(1, store.itemCount());
            assertEquals(31, ((Number) store.user("u").orElseThrow().attributes().get("age")).intValue());
            assertEquals(List.of("a"), store.history("u", 10).stream().map(Event::item).toList());
            assertSameImpressions(List.of(u1, w1, u2), all(store));
            assertSameImpressions(List.of(u2, u1), store.recentImpressions("u", 10));
        }
    }

    /** The default URL keeps the layout of every data directory written before store.url existed. */
    @Test
    void aRelativePathIsTakenFromTheDataDirectoryAndAnAbsoluteOneAsItIs(@TempDir Path elsewhere) {
        try (Store store = open()) {
            store.putItems(List.of(Item.of("a", "Alpha", List.of())));
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("store").resolve("CURRENT")));

        StoreUrl absolute = StoreUrl.parse("rocksdb:" + elsewhere.resolve("db"));
        try (Store store = StoreProviders.open(absolute, dataDir)) {
            store.putItems(List.of(Item.of("b", "Beta", List.of())));
        }
        assertTrue(Files.isRegularFile(elsewhere.resolve("db").resolve("CURRENT")));
        try (Store store = StoreProviders.openSnapshot(absolute, Path.of("unrelated"))) {
            assertEquals("Beta", store.item("b").orElseThrow().title());
            assertTrue(store.item("a").isEmpty(), "the store in the data directory is another one");
        }
    }

    @Test
    void aStoreHeldOpenIsNotOpenedTwice() {
        try (Store store = open()) {
            StoreException e = assertThrows(StoreException.class, this::open);
            assertTrue(e.getMessage().startsWith("cannot open the store in " + dataDir.resolve("store")), e.getMessage());
        }
    }

    private static final Function<String, byte[]> UTF8 = s -> s.getBytes(StandardCharsets.UTF_8);

    /** Writes a store as an older version did: only these column families, with item "a" and these impressions. */
    private void writeOldStore(List<String> columnFamilies, List<Impression> logged) throws Exception {
        Path dir = dataDir.resolve("store");
        Files.createDirectories(dir);
        List<ColumnFamilyDescriptor> old = new ArrayList<>();
        for (String name : columnFamilies) {
            old.add(new ColumnFamilyDescriptor(UTF8.apply(name)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, dir.toString(), old, handles)) {
            db.put(handles.get(1), UTF8.apply("a"), Json.MAPPER.writeValueAsBytes(Item.of("a", "Alpha", List.of())));
            for (Impression imp : logged) {
                byte[] request = UTF8.apply(imp.requestId());
                byte[] key = ByteBuffer.allocate(8 + request.length)
                        .putLong(imp.timestamp().toEpochMilli()).put(request).array();
                db.put(handles.get(columnFamilies.indexOf("impressions")), key, Json.MAPPER.writeValueAsBytes(imp));
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void aStoreCreatedBeforeTheImpressionLogStillOpens() throws Exception {
        writeOldStore(List.of("default", "items", "users", "events", "user_events"), List.of());

        try (Store snapshot = snapshot()) {
            assertEquals("Alpha", snapshot.item("a").orElseThrow().title());
            assertEquals(List.of(), all(snapshot));
            assertEquals(0, snapshot.impressionCount());
            assertEquals(List.of(), snapshot.recentImpressions("u", 10));
            assertThrows(StoreException.class, () -> snapshot.logImpressions(List.of(u1)));
        }
        try (Store store = open()) {
            assertEquals("Alpha", store.item("a").orElseThrow().title());
            store.logImpressions(List.of(u1, w1));
        }
        try (Store snapshot = snapshot()) {
            assertSameImpressions(List.of(u1, w1), all(snapshot));
            assertSameImpressions(List.of(u1), snapshot.recentImpressions("u", 10));
            assertSameImpressions(List.of(w1), snapshot.recentImpressions("w", 10));
        }
    }

    @Test
    void aStoreCreatedBeforeTheUserIndexStillOpens() throws Exception {
        writeOldStore(List.of("default", "items", "users", "events", "user_events", "impressions"), List.of(u1, w1));

        try (Store snapshot = snapshot()) {
            assertSameImpressions(List.of(u1, w1), all(snapshot));
            assertEquals(List.of(), snapshot.recentImpressions("u", 10));
            assertThrows(StoreException.class, () -> snapshot.logImpressions(List.of(u2)));
        }
        try (Store store = open()) {
            // Impressions logged before the index existed are not in it; new ones are.
            assertEquals(List.of(), store.recentImpressions("u", 10));
            store.logImpressions(List.of(u2));
            assertSameImpressions(List.of(u2), store.recentImpressions("u", 10));
        }
        try (Store snapshot = snapshot()) {
            assertSameImpressions(List.of(u1, w1, u2), all(snapshot));
            assertSameImpressions(List.of(u2), snapshot.recentImpressions("u", 10));
        }
        try (Store store = open()) {
            // Deleting the user removes the indexed impression; the unindexed one stays in the log.
            assertTrue(store.deleteUser("u"));
            assertSameImpressions(List.of(u1, w1), all(store));
            assertEquals(List.of(), store.recentImpressions("u", 10));
        }
    }
}
