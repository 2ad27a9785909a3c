package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksStoreTest {
    @TempDir
    Path dataDir;

    private static Event event(String user, String item, String type, long second) {
        return Event.of(user, item, type, Instant.ofEpochSecond(second));
    }

    @Test
    void itemsAndUsersAreUpsertedReadAndDeletedAcrossReopen() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            store.putItems(List.of(Item.of("a", "Alpha", List.of("x")), Item.of("b", "Beta", List.of())));
            store.putItems(List.of(Item.of("a", "Alpha 2", List.of("y"))));
            store.putUsers(List.of(new User("u", Map.of("age", 31, "country", "DE"))));
            assertTrue(store.deleteItem("b"));
            assertFalse(store.deleteItem("b"));
        }
        try (RocksStore store = RocksStore.open(dataDir)) {
            assertEquals("Alpha 2", store.item("a").orElseThrow().title());
            assertEquals(List.of("y"), store.item("a").orElseThrow().categories());
            assertTrue(store.item("b").isEmpty());
            assertEquals(1, store.itemCount());
            assertEquals(31, ((Number) store.user("u").orElseThrow().attributes().get("age")).intValue());
        }
    }

    @Test
    void historyIsNewestFirstAndPerUser() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            store.appendEvents(List.of(event("u", "1", "view", 10), event("u", "2", "view", 30),
                    event("u", "3", "view", 20), event("v", "9", "view", 40), event("uu", "8", "view", 50)));
            assertEquals(List.of("2", "3", "1"), store.history("u", 10).stream().map(Event::item).toList());
            assertEquals(List.of("2", "3"), store.history("u", 2).stream().map(Event::item).toList());
            assertEquals(List.of("8"), store.history("uu", 10).stream().map(Event::item).toList());
            assertTrue(store.history("nobody", 10).isEmpty());
        }
    }

    /** Pages end at a millisecond boundary, so walking them with {@code before} visits every event once. */
    @Test
    void historyPagesSkipNoEventThatSharesAMillisecond() {
        try (RocksStore rocks = RocksStore.open(dataDir); InMemoryStore memory = new InMemoryStore()) {
            for (Store store : List.of(rocks, memory)) {
                store.appendEvents(List.of(event("u", "1", "view", 10), event("u", "2", "view", 20), event("u", "3", "view", 20),
                        event("u", "4", "view", 20), event("u", "5", "view", 30), event("uu", "8", "view", 25)));
                List<Event> first = store.historyPage("u", null, 2);
                assertEquals(List.of("5", "4", "3", "2"), first.stream().map(Event::item).toList(), "the three at 20 s stay together");
                List<Event> second = store.historyPage("u", first.getLast().timestamp(), 2);
                assertEquals(List.of("1"), second.stream().map(Event::item).toList());
                assertTrue(store.historyPage("u", second.getLast().timestamp(), 2).isEmpty());
                assertEquals(List.of("2", "3", "4"), store.historyPage("u", Instant.ofEpochSecond(30), 1).stream()
                        .map(Event::item).sorted().toList());
                assertEquals(List.of("8"), store.historyPage("uu", null, 5).stream().map(Event::item).toList());
                assertTrue(store.historyPage("nobody", null, 5).isEmpty());
            }
        }
    }

    @Test
    void storingTheSameEventTwiceKeepsOneAndScansAreInTimeOrder() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            List<Event> batch = List.of(event("u", "1", "view", 30), event("v", "2", "click", 10), event("u", "1", "like", 30));
            store.appendEvents(batch);
            store.appendEvents(batch);
            List<Event> all = new ArrayList<>();
            store.forEachEvent(all::add);
            assertEquals(3, all.size());
            assertEquals("2", all.get(0).item());
            Event withValue = new Event("w", "3", "rating", 4.5, Instant.ofEpochSecond(5), "req-1", "home");
            store.appendEvents(List.of(withValue));
            assertEquals(withValue, store.history("w", 1).get(0));
        }
    }

    @Test
    void deletingAUserRemovesTheirEventsEverywhere() {
        try (RocksStore store = RocksStore.open(dataDir)) {
            store.putUsers(List.of(new User("u", Map.of())));
            store.appendEvents(List.of(event("u", "1", "view", 1), event("v", "1", "view", 2)));
            assertTrue(store.deleteUser("u"));
            assertTrue(store.user("u").isEmpty());
            assertTrue(store.history("u", 10).isEmpty());
            List<Event> all = new ArrayList<>();
            store.forEachEvent(all::add);
            assertEquals(List.of("v"), all.stream().map(Event::user).toList());
        }
    }

    @Test
    void aSnapshotReadsAStoreThatIsOpenForWritingElsewhere() {
        try (RocksStore writer = RocksStore.open(dataDir)) {
            writer.putItems(List.of(Item.of("a", "Alpha", List.of())));
            writer.appendEvents(List.of(event("u", "a", "view", 1), event("u", "b", "view", 2)));
            try (RocksStore snapshot = RocksStore.openSnapshot(dataDir)) {
                writer.appendEvents(List.of(event("u", "c", "view", 3)));
                List<Event> seen = new ArrayList<>();
                snapshot.forEachEvent(seen::add);
                assertEquals(List.of("a", "b"), seen.stream().map(Event::item).toList());
                assertEquals("Alpha", snapshot.item("a").orElseThrow().title());
                assertThrows(StoreException.class, () -> snapshot.appendEvents(List.of(event("u", "d", "view", 4))));
            }
            assertEquals(3, writer.history("u", 10).size());
        }
        assertThrows(StoreException.class, () -> RocksStore.openSnapshot(dataDir.resolve("elsewhere")));
    }
}
