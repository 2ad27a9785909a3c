package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store backend must do, run against each through its URL: a backend's test class
 * extends this one and names its URL. Backend-specific behaviour (durability, reopening, old
 * formats) is tested beside the backend.
 */
abstract class StoreContractTest {
    @TempDir
    Path dataDir;

    private Store store;

    /** The URL of the backend under test, opened in a fresh data directory for every test. */
    abstract String url();

    @BeforeEach
    void open() {
        store = StoreProviders.open(StoreUrl.parse(url()), dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Store snapshot() {
        return StoreProviders.openSnapshot(StoreUrl.parse(url()), dataDir);
    }

    private static Event event(String user, String item, String type, long second) {
        return Event.of(user, item, type, Instant.ofEpochSecond(second));
    }

    private static Item created(String id, long second) {
        return new Item(id, id, null, List.of(), List.of(), Map.of(), Instant.ofEpochSecond(second), true);
    }

    private static <T> List<T> all(Consumer<Consumer<T>> forEach) {
        List<T> seen = new ArrayList<>();
        forEach.accept(seen::add);
        return seen;
    }

    private static List<String> items(List<Event> events) {
        return events.stream().map(Event::item).toList();
    }

    @Test
    void itemsAndUsersAreReplacedReadAndDeleted() {
        store.putItems(List.of(Item.of("a", "Alpha", List.of("x")), Item.of("b", "Beta", List.of())));
        store.putItems(List.of(Item.of("a", "Alpha 2", List.of("y"))));
        store.putUsers(List.of(new User("u", Map.of("age", 31, "country", "DE"))));
        store.putUsers(List.of(new User("u", Map.of("age", 32))));

        assertEquals("Alpha 2", store.item("a").orElseThrow().title());
        assertEquals(List.of("y"), store.item("a").orElseThrow().categories());
        assertEquals(2, store.itemCount());
        assertTrue(store.deleteItem("b"));
        assertFalse(store.deleteItem("b"));
        assertTrue(store.item("b").isEmpty());
        assertEquals(1, store.itemCount());
        User user = store.user("u").orElseThrow();
        assertEquals(32, ((Number) user.attributes().get("age")).intValue());
        assertEquals(1, user.attributes().size());
        assertTrue(store.user("nobody").isEmpty());
    }

    /** Read-your-writes: a PostgreSQL mirror's re-read of an older change once landed after the newer write. */
    @Test
    void everyWriteIsReadBackAtOnce() {
        for (int version = 0; version < 200; version++) {
            store.putItems(List.of(Item.of("a", "Alpha " + version, List.of())));
            assertEquals("Alpha " + version, store.item("a").orElseThrow().title());
        }
        assertTrue(store.deleteItem("a"));
        assertTrue(store.item("a").isEmpty());
    }

    /** Ids in UTF-8 byte order, which is code point order: U+FFFD sorts before U+1F600, unlike in String's order. */
    @Test
    void itemsAndUsersAreVisitedInIdOrder() {
        List<String> ids = List.of("10", "9", "a", "b", "ba", "é", "\uFFFD", "\uD83D\uDE00");
        for (String id : ids.reversed()) {
            store.putItems(List.of(Item.of(id, id, List.of())));
            store.putUsers(List.of(new User(id, Map.of())));
        }
        assertEquals(ids, all(store::forEachItem).stream().map(Item::id).toList());
        assertEquals(ids, all(store::forEachUser).stream().map(User::id).toList());
    }

    @Test
    void newestItemsAreByCreationTimeAndFollowReplacementsAndDeletions() {
        store.putItems(List.of(created("old", 10), created("mid", 20), created("new", 30), Item.of("undated", "U", List.of())));
        assertEquals(List.of("new", "mid", "old"), store.newestItems(10));
        assertEquals(List.of("new", "mid"), store.newestItems(2));

        store.putItems(List.of(created("old", 40)));
        store.deleteItem("new");
        assertEquals(List.of("old", "mid"), store.newestItems(10));
        assertEquals(List.of(), store.newestItems(0));
    }

    @Test
    void historyIsNewestFirstAndPerUser() {
        store.appendEvents(List.of(event("u", "1", "view", 10), event("u", "2", "view", 30),
                event("u", "3", "view", 20), event("v", "9", "view", 40), event("uu", "8", "view", 50)));
        assertEquals(List.of("2", "3", "1"), items(store.history("u", 10)));
        assertEquals(List.of("2", "3"), items(store.history("u", 2)));
        assertEquals(List.of("8"), items(store.history("uu", 10)));
        assertTrue(store.history("nobody", 10).isEmpty());
    }

    /** Pages end at a millisecond boundary, so walking them with {@code before} visits every event once. */
    @Test
    void historyPagesSkipNoEventThatSharesAMillisecond() {
        store.appendEvents(List.of(event("u", "1", "view", 10), event("u", "2", "view", 20), event("u", "3", "view", 20),
                event("u", "4", "view", 20), event("u", "5", "view", 30), event("uu", "8", "view", 25)));
        List<Event> first = store.historyPage("u", null, 2);
        assertEquals(List.of("5", "4", "3", "2"), items(first), "the three at 20 s stay together");
        List<Event> second = store.historyPage("u", first.getLast().timestamp(), 2);
        assertEquals(List.of("1"), items(second));
        assertTrue(store.historyPage("u", second.getLast().timestamp(), 2).isEmpty());
        assertEquals(List.of("2", "3", "4"), items(store.historyPage("u", Instant.ofEpochSecond(30), 1)).stream().sorted().toList());
        assertEquals(List.of("8"), items(store.historyPage("uu", null, 5)));
        assertTrue(store.historyPage("nobody", null, 5).isEmpty());
    }

    @Test
    void anEventIsIdentifiedByUserItemTypeAndMillisecond() {
        Instant at = Instant.parse("2024-05-01T10:00:00.123Z");
        Event first = new Event("u", "1", "rating", 3.0, at.plusNanos(100_000), "req-1", "home");
        Event again = new Event("u", "1", "rating", 4.5, at.plusNanos(900_000), "req-2", null);
        Event like = Event.of("u", "1", "like", at.minusSeconds(1));
        store.appendEvents(List.of(first, like));
        store.appendEvents(List.of(again, like));

        List<Event> stored = all(store::forEachEvent);
        assertEquals(2, stored.size(), "the same user, item, type and millisecond is one event");
        Event kept = stored.getLast();
        assertEquals(new Event("u", "1", "rating", 4.5, at, "req-2", null), kept, "the last stored, to the millisecond");
        assertEquals(List.of(kept, like), store.history("u", 10));
    }

    @Test
    void eventsAreVisitedInTimeOrderThenByUserItemAndType() {
        List<Event> ordered = List.of(event("v", "2", "click", 10), event("a", "9", "view", 20), event("b", "1", "like", 20),
                event("b", "1", "view", 20), event("b", "2", "click", 20), event("a", "1", "view", 30));
        store.appendEvents(ordered.reversed());
        assertEquals(ordered, all(store::forEachEvent));
        assertEquals(ordered.size(), store.eventCount());
    }

    @Test
    void deletingAUserRemovesTheirProfileEventsAndImpressions() {
        store.putUsers(List.of(new User("u", Map.of()), new User("uu", Map.of())));
        store.appendEvents(List.of(event("u", "1", "view", 1), event("v", "1", "view", 2), event("uu", "1", "view", 3)));
        store.logImpressions(List.of(u1, w1, u2, uu));

        assertTrue(store.deleteUser("u"));
        assertTrue(store.user("u").isEmpty());
        assertTrue(store.history("u", 10).isEmpty());
        assertTrue(store.historyPage("u", null, 10).isEmpty());
        assertEquals(List.of("v", "uu"), all(store::forEachEvent).stream().map(Event::user).toList());
        assertEquals(List.of(), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(w1, uu), all(store::forEachImpression));
        assertSameImpressions(List.of(uu), store.recentImpressions("uu", 10));
        assertFalse(store.deleteUser("u"), "nothing of theirs is left");

        // Whatever there is of a user counts: here only events, or only impressions.
        assertTrue(store.deleteUser("v"));
        assertTrue(store.deleteUser("w"));
        assertSameImpressions(List.of(uu), all(store::forEachImpression));
    }

    // Impressions: a user whose id extends another's ("uu") must not run into the other's index.
    private final Impression u1 = impression("q-1", "u", "2024-05-01T09:00:00Z", 1f);
    private final Impression w1 = impression("q-2", "w", "2024-05-01T09:00:01Z", 2f);
    private final Impression u2 = impression("q-3", "u", "2024-05-01T09:00:02.5Z", 3f);
    private final Impression w2 = impression("q-4", "w", "2024-05-01T09:00:03Z", 4f);
    private final Impression u3 = impression("q-5", "u", "2024-05-01T09:00:04Z");
    private final Impression uu = impression("q-6", "uu", "2024-05-01T09:00:05Z", 6f);

    private static Impression impression(String requestId, String user, String timestamp, float... features) {
        return new Impression(requestId, user, Instant.parse(timestamp), "home", "ios", "m-7", "schema-1",
                List.of(new Impression.Shown("a", 0, 0.75, 0.25, features),
                        new Impression.Shown("b", 1, 0.5, 1.0, null)));
    }

    /** Records compare float[] by identity, so shown items are compared field by field. */
    static void assertSameImpressions(List<Impression> expected, List<Impression> actual) {
        assertEquals(expected.size(), actual.size(), () -> "expected " + expected + " but was " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Impression e = expected.get(i);
            Impression a = actual.get(i);
            assertEquals(List.of(e.requestId(), e.timestamp(), e.items().size()), List.of(a.requestId(), a.timestamp(), a.items().size()));
            assertEquals(e.user(), a.user());
            assertEquals(e.surface(), a.surface());
            assertEquals(e.device(), a.device());
            assertEquals(e.modelVersion(), a.modelVersion());
            assertEquals(e.featureSchema(), a.featureSchema());
            for (int j = 0; j < e.items().size(); j++) {
                Impression.Shown es = e.items().get(j);
                Impression.Shown as = a.items().get(j);
                assertEquals(List.of(es.item(), es.position(), es.score(), es.propensity()),
                        List.of(as.item(), as.position(), as.score(), as.propensity()));
                assertArrayEquals(es.features(), as.features());
            }
        }
    }

    @Test
    void impressionsAreLoggedInTimeOrderAndReplacedByRequestId() {
        Impression late = impression("r-3", "u", "2024-05-01T10:00:02.123456789Z", 1.5f, -0.1f, Float.MIN_VALUE);
        Impression early = impression("r-1", "u", "2024-05-01T10:00:00Z", 3.0f, 0.3333333f);
        Impression tie = impression("r-2", "u", "2024-05-01T10:00:00Z", 7f);
        store.logImpressions(List.of(late, tie));
        store.logImpressions(List.of(early));
        assertSameImpressions(List.of(early, tie, late), all(store::forEachImpression));
        assertEquals(3, store.impressionCount());

        Impression relogged = new Impression("r-3", "v", late.timestamp(), "search", null, "m-8", "schema-2",
                List.of(new Impression.Shown("c", 0, 1.0, 1.0, new float[] {9f})));
        store.logImpressions(List.of(relogged));
        assertSameImpressions(List.of(early, tie, relogged), all(store::forEachImpression));
        // Re-logged under another user, the slate moves to that user's index. At one millisecond,
        // the later request id counts as newer.
        assertSameImpressions(List.of(tie, early), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(relogged), store.recentImpressions("v", 10));

        // The same request id at another moment is another impression.
        Impression later = new Impression("r-1", "u", Instant.parse("2024-05-01T10:00:05Z"), "home", null, "m-8", null, List.of());
        store.logImpressions(List.of(later));
        assertSameImpressions(List.of(early, tie, relogged, later), all(store::forEachImpression));
    }

    @Test
    void recentImpressionsAreTheUsersNewestFirst() {
        store.logImpressions(List.of(u2, w1, uu));
        store.logImpressions(List.of(u3, u1, w2));
        assertSameImpressions(List.of(u3, u2, u1), store.recentImpressions("u", 10));
        assertSameImpressions(List.of(u3, u2), store.recentImpressions("u", 2));
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
        store.logImpressions(List.of(impression("q-7", null, "2024-05-01T09:00:06Z")));
        assertEquals(7, all(store::forEachImpression).size());
        assertSameImpressions(List.of(u3, u2again, u1), store.recentImpressions("u", 10));
    }

    /** What the snapshot must go on showing, whatever is written after it was opened. */
    private void assertFirstState(Store view) {
        assertEquals(List.of("a", "b"), all(view::forEachItem).stream().map(Item::id).toList());
        assertEquals(2, view.itemCount());
        assertEquals("a", view.item("a").orElseThrow().title(), "as first stored");
        assertEquals(List.of("b", "a"), view.newestItems(10));
        assertEquals(List.of("u"), all(view::forEachUser).stream().map(User::id).toList());
        assertEquals(List.of("b", "a"), items(view.history("u", 10)));
        assertEquals(List.of("b", "a"), items(view.historyPage("u", null, 10)));
        assertEquals(List.of("a", "b"), items(all(view::forEachEvent)));
        assertEquals(2, view.eventCount());
        assertSameImpressions(List.of(u1, w1), all(view::forEachImpression));
        assertSameImpressions(List.of(u1), view.recentImpressions("u", 10));
    }

    @Test
    void aSnapshotKeepsShowingTheStateItWasOpenedAt() {
        store.putItems(List.of(created("a", 1), created("b", 2)));
        store.putUsers(List.of(new User("u", Map.of())));
        store.appendEvents(List.of(event("u", "a", "view", 1), event("u", "b", "view", 2)));
        store.logImpressions(List.of(u1, w1));

        try (Store snapshot = snapshot()) {
            assertFirstState(snapshot);
            store.putItems(List.of(created("c", 3), Item.of("a", "Alpha 2", List.of())));
            store.deleteItem("b");
            store.putUsers(List.of(new User("v", Map.of())));
            store.appendEvents(List.of(event("u", "c", "view", 3)));
            store.logImpressions(List.of(u2, w2));
            store.deleteUser("w");
            assertFirstState(snapshot);

            assertThrows(StoreException.class, () -> snapshot.putItems(List.of(created("d", 4))));
            assertThrows(StoreException.class, () -> snapshot.deleteItem("a"));
            assertThrows(StoreException.class, () -> snapshot.putUsers(List.of(new User("x", Map.of()))));
            assertThrows(StoreException.class, () -> snapshot.deleteUser("u"));
            assertThrows(StoreException.class, () -> snapshot.appendEvents(List.of(event("u", "d", "view", 4))));
            assertThrows(StoreException.class, () -> snapshot.logImpressions(List.of(u3)));
            assertFirstState(snapshot);
        }
        try (Store later = snapshot()) {
            assertEquals(List.of("a", "c"), all(later::forEachItem).stream().map(Item::id).toList());
            assertEquals(List.of("c", "b", "a"), items(later.history("u", 10)));
            assertSameImpressions(List.of(u1, u2), all(later::forEachImpression));
        }
        assertEquals(3, store.history("u", 10).size(), "the store is still open for writing");
    }

    @Test
    void thereIsNoSnapshotWhereNoStoreWasOpened() {
        assertThrows(StoreException.class, () -> StoreProviders.openSnapshot(StoreUrl.parse(url()), dataDir.resolve("elsewhere")));
    }
}
