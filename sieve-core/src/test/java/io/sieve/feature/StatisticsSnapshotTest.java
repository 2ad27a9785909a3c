package io.sieve.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's statistics from a bundle's snapshot plus the store after its cutoff equal those of a
 * replay of the whole store, on the embedded store (whose reads after a time start at that key).
 */
class StatisticsSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String[] TYPES = {"view", "click", "purchase", "rating", "skip"};

    @TempDir
    Path dataDir;

    @Test
    void snapshotPlusTheStoreAfterItsCutoffIsTheWholeReplay() throws Exception {
        SieveConfig config = ConfigLoader.defaults();
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            // An imported log, then slates served on the serving clock, days after its newest event.
            Instant newest = fill(store, new SplittableRandom(1), T0, T0, 400);
            Instant trained = newest.plus(Duration.ofDays(3));
            fill(store, new SplittableRandom(5), newest.plusSeconds(1), newest.plus(Duration.ofDays(1)), 0);
            fill(store, new SplittableRandom(6), newest.plusSeconds(1), trained.minus(Duration.ofMinutes(20)), 0);
            byte[] snapshot = StatisticsSnapshot.of(config, store, newest, trained);
            // After the training: an event 30 minutes late (within the hour of lateness), new events, new slates.
            store.appendEvents(List.of(Event.of("late", "i3", "purchase", newest.minus(Duration.ofMinutes(30)))));
            fill(store, new SplittableRandom(2), newest.plusSeconds(1), trained.plusSeconds(1), 100);

            ItemStatistics restored = StatisticsSnapshot.restore(config, store, snapshot).orElseThrow();
            ItemStatistics replayed = ItemStatistics.replayed(config, store);
            assertSame(replayed, restored, newest.plus(Duration.ofDays(1)));
        }
    }

    @Test
    void anEventStoredLaterButStampedBeforeTheCutoffWaitsForTheNextSnapshot() throws Exception {
        SieveConfig config = ConfigLoader.defaults();
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            Instant newest = fill(store, new SplittableRandom(3), T0, T0, 200);
            byte[] snapshot = StatisticsSnapshot.of(config, store, newest, newest);
            store.appendEvents(List.of(Event.of("backfill", "i5", "view", newest.minus(Duration.ofDays(2)))));
            ItemStatistics restored = StatisticsSnapshot.restore(config, store, snapshot).orElseThrow();
            ItemStatistics replayed = ItemStatistics.replayed(config, store);
            assertEquals(replayed.engaged("i5") - 1, restored.engaged("i5"), 1e-9);
            assertSame(replayed, StatisticsSnapshot.restore(config, store,
                    StatisticsSnapshot.of(config, store, newest, newest)).orElseThrow(), newest);
        }
    }

    @Test
    void aSnapshotTakenUnderOtherFeatureSettingsIsNotUsed() throws Exception {
        SieveConfig config = ConfigLoader.defaults();
        SieveConfig otherHalfLives = ConfigLoader.withSettings(config, Map.of("features.halfLivesDays", "2,14"));
        SieveConfig otherWeights = ConfigLoader.withSettings(config, Map.of("eventTypes.view.weight", "0.5"));
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            Instant newest = fill(store, new SplittableRandom(4), T0, T0, 50);
            byte[] snapshot = StatisticsSnapshot.of(config, store, newest, newest);
            assertTrue(StatisticsSnapshot.restore(otherHalfLives, store, snapshot).isEmpty());
            assertTrue(StatisticsSnapshot.restore(otherWeights, store, snapshot).isEmpty());
            assertTrue(StatisticsSnapshot.restore(config, store, new byte[] {0, 0, 0, 1, 0}).isEmpty(), "damaged");
        }
    }

    /**
     * Seeded events on 20 items, 3 minutes apart from {@code from}, and slates of 5 items, 12 minutes
     * apart from {@code slatesFrom} (as many as every fourth event, at least 10); returns the newest event's time.
     */
    private static Instant fill(Store store, SplittableRandom random, Instant from, Instant slatesFrom, int events) {
        List<Event> batch = new ArrayList<>();
        List<Impression> slates = new ArrayList<>();
        Instant t = from;
        for (int e = 0; e < events; e++) {
            t = from.plus(Duration.ofMinutes(3L * e));
            String type = TYPES[random.nextInt(TYPES.length)];
            Double value = type.equals("rating") ? (double) (1 + random.nextInt(5)) : null;
            batch.add(new Event("u" + random.nextInt(30), "i" + random.nextInt(20), type, value, t, null, null));
        }
        for (int s = 0; s < Math.max(10, events / 4); s++) {
            List<Impression.Shown> shown = new ArrayList<>();
            for (int p = 1; p <= 5; p++) {
                shown.add(new Impression.Shown("i" + random.nextInt(20), p, 1.0 / p, 1, null));
            }
            slates.add(new Impression("r" + slatesFrom.toEpochMilli() + "-" + s, "u" + random.nextInt(30),
                    slatesFrom.plus(Duration.ofMinutes(12L * s)).plusSeconds(1), "home", "web", "v1", null, shown));
        }
        store.appendEvents(batch);
        store.logImpressions(slates);
        return t;
    }

    private static void assertSame(ItemStatistics expected, ItemStatistics actual, Instant at) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.clock(at), actual.clock(at));
        assertEquals(expected.globalMeanValue(), actual.globalMeanValue(), 1e-12);
        for (int i = 0; i < 20; i++) {
            ItemCounters e = expected.get("i" + i);
            ItemCounters a = actual.get("i" + i);
            assertEquals(e == null, a == null, "i" + i);
            if (e == null) {
                continue;
            }
            for (int kind = 0; kind < ItemCounters.KINDS; kind++) {
                for (int w = 0; w < expected.windows(); w++) {
                    double x = e.count(kind, w, at.toEpochMilli());
                    assertEquals(x, a.count(kind, w, at.toEpochMilli()), 1e-9 * Math.max(1, Math.abs(x)),
                            "i" + i + " kind " + kind + " window " + w);
                }
            }
            assertEquals(e.valueSum(), a.valueSum(), 1e-9);
            assertEquals(e.firstMs(), a.firstMs());
        }
    }
}
