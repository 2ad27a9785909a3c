package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class ImpressionLogTest {
    @TempDir
    Path dataDir;

    private static Impression impression(String requestId, String timestamp, float... features) {
        return impression(requestId, "u", timestamp, features);
    }

    private static Impression impression(String requestId, String user, String timestamp, float... features) {
        return new Impression(requestId, user, Instant.parse(timestamp), "home", "ios", "m-7", "schema-1",
                List.of(new Impression.Shown("a", 0, 0.75, 0.25, features),
                        new Impression.Shown("b", 1, 0.5, 1.0, null)));
    }

    private static List<Impression> all(Store store) {
        List<Impression> seen = new ArrayList<>();
        store.forEachImpression(seen::add);
        return seen;
    }

    /** Records compare float[] by identity, so shown items are compared field by field. */
    private static void assertSameImpressions(List<Impression> expected, List<Impression> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Impression e = expected.get(i);
            Impression a = actual.get(i);
            assertEquals(e.requestId(), a.requestId());
            assertEquals(e.user(), a.user());
            assertEquals(e.timestamp(), a.timestamp());
            assertEquals(e.surface(), a.surface());
            assertEquals(e.device(), a.device());
            assertEquals(e.modelVersion(), a.modelVersion());
            assertEquals(e.featureSchema(), a.featureSchema());
            assertEquals(e.items().size(), a.items().size());
            for (int j = 0; j < e.items().size(); j++) {
                Impression.Shown es = e.items().get(j);
                Impression.Shown as = a.items().get(j);
                assertEquals(es.item(), as.item());
                assertEquals(es.position(), as.position());
                assertEquals(es.score(), as.score());
                assertArrayEquals(es.features(), as.features());
                assertEquals(es.propensity(), as.propensity());
            }
        }
    }

    private final Impression late = impression("r-3", "2024-05-01T10:00:02.123456789Z", 1.5f, -0.1f, Float.MIN_VALUE);
    private final Impression early = impression("r-1", "2024-05-01T10:00:00Z", 3.0f, 0.3333333f);
    private final Impression tie = impression("r-2", "2024-05-01T10:00:00Z", 7f);

    private void logsInTimeOrderAndReplacesByRequestId(Store store) {
        store.logImpressions(List.of(late, tie));
        store.logImpressions(List.of(early));
        assertSameImpressions(List.of(early, tie, late), all(store));

        Impression relogged = new Impression("r-3", "v", late.timestamp(), "search", null, "m-8", "schema-2",
                List.of(new Impression.Shown("c", 0, 1.0, 1.0, new float[] {9f})));
        store.logImpressions(List.of(relogged));
        assertSameImpressions(List.of(early, tie, relogged), all(store));
        assertNull(all(store).get(2).device());
        // Re-logged under another user, the slate moves to that user's index. At one millisecond,
        // the later request id counts as newer.
        assertSameImpressions(List.of(tie, early), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(relogged), store.recentImpressions("v", 10));
    }

    private final Impression u1 = impression("q-1", "u", "2024-05-01T09:00:00Z", 1f);
    private final Impression w1 = impression("q-2", "w", "2024-05-01T09:00:01Z", 2f);
    private final Impression u2 = impression("q-3", "u", "2024-05-01T09:00:02.5Z", 3f);
    private final Impression w2 = impression("q-4", "w", "2024-05-01T09:00:03Z", 4f);
    private final Impression u3 = impression("q-5", "u", "2024-05-01T09:00:04Z");
    /** A user whose id extends another's: their keys must not run into each other's prefix scans. */
    private final Impression uu = impression("q-6", "uu", "2024-05-01T09:00:05Z", 6f);

    private void indexesImpressionsByUser(Store store) {
        store.logImpressions(List.of(u2, w1, uu));
        store.logImpressions(List.of(u3, u1, w2));
        assertSameImpressions(List.of(u3, u2, u1), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(u3, u2), store.recentImpressions("u", 2));
        assertSameImpressions(List.of(u3), store.recentImpressions("u", 1));
        assertEquals(List.of(), store.recentImpressions("u", 0));
        assertSameImpressions(List.of(w2, w1), store.recentImpressions("w", 10));
        assertSameImpressions(List.of(uu), store.recentImpressions("uu", 10));
        assertEquals(List.of(), store.recentImpressions("nobody", 10));
        assertEquals(List.of(), store.recentImpressions("", 10));

        // The same request id at the same moment replaces the slate in the index too.
        Impression u2again = new Impression("q-3", "u", u2.timestamp(), "search", "web", "m-8", null,
                List.of(new Impression.Shown("z", 1, 0.1, 1.0, null)));
        store.logImpressions(List.of(u2again));
        store.logImpressions(List.of(u2again, u2again));
        assertSameImpressions(List.of(u3, u2again, u1), store.recentImpressions("u", 10));

        // Moved to another user within one batch, then back: indexed once, under the last user.
        Impression u1toW = new Impression("q-1", "w", u1.timestamp(), "home", null, "m-7", null, u1.items());
        store.logImpressions(List.of(u1toW));
        assertSameImpressions(List.of(u3, u2again), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(w2, w1, u1toW), store.recentImpressions("w", 10));
        store.logImpressions(List.of(u1, u1toW, u1));
        assertSameImpressions(List.of(u3, u2again, u1), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(w2, w1), store.recentImpressions("w", 10));

        // Without a user a slate is logged, but not indexed.
        Impression anonymous = impression("q-7", null, "2024-05-01T09:00:06Z");
        store.logImpressions(List.of(anonymous));
        assertEquals(7, all(store).size());
        assertSameImpressions(List.of(u3, u2again, u1), store.recentImpressions("u", 10));
    }

    private void deletingAUserDeletesTheirImpressions(Store store) {
        store.appendEvents(List.of(new Event("u", "a", "click", null, Instant.parse("2024-05-01T09:00:00Z"), null, null)));
        assertTrue(store.deleteUser("u"));
        assertEquals(List.of(), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(w2, w1), store.recentImpressions("w", 10));
        assertSameImpressions(List.of(uu), store.recentImpressions("uu", 10));
        assertTrue(all(store).stream().noneMatch(i -> "u".equals(i.user())));
        assertEquals(4, all(store).size());

        // A user with impressions only still has something to delete.
        assertTrue(store.deleteUser("uu"));
        assertFalse(store.deleteUser("uu"));
        assertEquals(List.of(), store.recentImpressions("uu", 10));
        assertEquals(3, all(store).size());
    }

    @Test
    void inMemoryStoreIndexesImpressionsByUser() {
        try (InMemoryStore store = new InMemoryStore()) {
            indexesImpressionsByUser(store);
            deletingAUserDeletesTheirImpressions(store);
        }
    }

    @Test
    void rocksStoreIndexesImpressionsByUser() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            indexesImpressionsByUser(store);
            deletingAUserDeletesTheirImpressions(store);
        }
    }

    @Test
    void theUserIndexSurvivesReopenAndShowsInASnapshot() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            store.logImpressions(List.of(u2, w1, u1));
        }
        try (RocksStore store = RocksStore.open(dataDir)) {
            assertSameImpressions(List.of(u2, u1), store.recentImpressions("u", 10));
            store.logImpressions(List.of(u3, w2));
            try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
                assertSameImpressions(List.of(u3, u2), snapshot.recentImpressions("u", 2));
                assertSameImpressions(List.of(w2, w1), snapshot.recentImpressions("w", 10));
                assertThrows(StoreException.class, () -> snapshot.logImpressions(List.of(u1)));
            }
        }
    }

    @Test
    void inMemoryStoreLogsImpressions() {
        try (InMemoryStore store = new InMemoryStore()) {
            logsInTimeOrderAndReplacesByRequestId(store);
            assertEquals(3, store.impressionCount());
        }
    }

    @Test
    void rocksStoreLogsImpressions() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            logsInTimeOrderAndReplacesByRequestId(store);
            // An estimate: an overwrite still in the memtable counts twice.
            assertTrue(store.impressionCount() >= 3);
        }
    }

    @Test
    void impressionsSurviveReopenAndShowInASnapshot() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            store.logImpressions(List.of(late, early));
        }
        try (RocksStore store = RocksStore.open(dataDir)) {
            assertSameImpressions(List.of(early, late), all(store));
            store.logImpressions(List.of(tie));
            try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
                assertSameImpressions(List.of(early, tie, late), all(snapshot));
                assertThrows(StoreException.class, () -> snapshot.logImpressions(List.of(early)));
            }
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

        try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
            assertEquals("Alpha", snapshot.item("a").orElseThrow().title());
            assertEquals(List.of(), all(snapshot));
            assertEquals(0, snapshot.impressionCount());
            assertEquals(List.of(), snapshot.recentImpressions("u", 10));
        }
        try (RocksStore store = RocksStore.open(dataDir)) {
            assertEquals("Alpha", store.item("a").orElseThrow().title());
            store.logImpressions(List.of(early, w1));
        }
        try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
            assertSameImpressions(List.of(w1, early), all(snapshot));
            assertSameImpressions(List.of(early), snapshot.recentImpressions("u", 10));
            assertSameImpressions(List.of(w1), snapshot.recentImpressions("w", 10));
        }
    }

    @Test
    void aStoreCreatedBeforeTheUserIndexStillOpens() throws Exception {
        writeOldStore(List.of("default", "items", "users", "events", "user_events", "impressions"), List.of(u1, w1));

        try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
            assertSameImpressions(List.of(u1, w1), all(snapshot));
            assertEquals(List.of(), snapshot.recentImpressions("u", 10));
            assertThrows(StoreException.class, () -> snapshot.logImpressions(List.of(u2)));
        }
        try (RocksStore store = RocksStore.open(dataDir)) {
            // Impressions logged before the index existed are not in it; new ones are.
            assertEquals(List.of(), store.recentImpressions("u", 10));
            store.logImpressions(List.of(u2));
            assertSameImpressions(List.of(u2), store.recentImpressions("u", 10));
        }
        try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
            assertSameImpressions(List.of(u1, w1, u2), all(snapshot));
            assertSameImpressions(List.of(u2), snapshot.recentImpressions("u", 10));
        }
        try (RocksStore store = RocksStore.open(dataDir)) {
            // Deleting the user removes the indexed impression; the unindexed one stays in the log.
            assertTrue(store.deleteUser("u"));
            assertSameImpressions(List.of(u1, w1), all(store));
            assertEquals(List.of(), store.recentImpressions("u", 10));
        }
    }
}
