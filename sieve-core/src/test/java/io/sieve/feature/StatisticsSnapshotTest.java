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
            Instant newest = fill(store, new SplittableRandom(1), T0, 400);
            byte[] snapshot = StatisticsSnapshot.of(config, store, newest);
            // After the training: an event 30 minutes late (within the hour of lateness), new events, new slates.
            store.appendEvents(List.of(Event.of("late", "i3", "purchase", newest.minus(Duration.ofMinutes(30)))));
            fill(store, new SplittableRandom(2), newest.plusSeconds(1), 100);

            ItemStatistics restored = StatisticsSnapshot.restore(config, store, snapshot).orElseThrow();
            ItemStatistics replayed = ItemStatistics.replayed(config, store);
            assertSame(replayed, restored, newest.plus(Duration.ofDays(1)));
        }
    }

    @Test
    void anEventStoredLaterButStampedBeforeTheCutoffWaitsForTheNextSnapshot() throws Exception {
        SieveConfig config = ConfigLoader.defaults();
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            Instant newest = fill(store, new SplittableRandom(3), T0, 200);
            byte[] snapshot = StatisticsSnapshot.of(config, store, newest);
            store.appendEvents(List.of(Event.of("backfill", "i5", "view", newest.minus(Duration.ofDays(2)))));
            ItemStatistics restored = StatisticsSnapshot.restore(config, store, snapshot).orElseThrow();
            ItemStatistics replayed = ItemStatistics.replayed(config, store);
            assertEquals(replayed.engaged("i5") - 1, restored.engaged("i5"), 1e-9);
            assertSame(replayed, StatisticsSnapshot.restore(config, store,
                    StatisticsSnapshot.of(config, store, newest)).orElseThrow(), newest);
        }
    }

    @Test
    void aSnapshotTakenUnderOtherFeatureSettingsIsNotUsed() throws Exception {
        SieveConfig config = ConfigLoader.defaults();
        SieveConfig otherHalfLives = ConfigLoader.withSettings(config, Map.of("features.halfLivesDays", "2,14"));
        SieveConfig otherWeights = ConfigLoader.withSettings(config, Map.of("eventTypes.view.weight", "0.5"));
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            Instant newest = fill(store, new SplittableRandom(4), T0, 50);
            byte[] snapshot = StatisticsSnapshot.of(config, store, newest);
            assertTrue(StatisticsSnapshot.restore(otherHalfLives, store, snapshot).isEmpty());
            assertTrue(StatisticsSnapshot.restore(otherWeights, store, snapshot).isEmpty());
            assertTrue(StatisticsSnapshot.restore(config, store, new byte[] {0, 0, 0, 1, 0}).isEmpty(), "damaged");
        }
    }

    /** Seeded events on 20 items, 3 minutes apart from {@code from}, and a slate of 5 after every fourth; returns the newest time. */
    private static Instant fill(Store store, SplittableRandom random, Instant from, int events) {
        List<Event> batch = new ArrayList<>();
        List<Impression> slates = new ArrayList<>();
        Instant t = from;
        for (int e = 0; e < events; e++) {
            t = from.plus(Duration.ofMinutes(3L * e));
            String type = TYPES[random.nextInt(TYPES.length)];
            Double value = type.equals("rating") ? (double) (1 + random.nextInt(5)) : null;
            batch.add(new Event("u" + random.nextInt(30), "i" + random.nextInt(20), type, value, t, null, null));
            if (e % 4 == 0) {
                List<Impression.Shown> shown = new ArrayList<>();
                for (int p = 1; p <= 5; p++) {
                    shown.add(new Impression.Shown("i" + random.nextInt(20), p, 1.0 / p, 1, null));
                }
                slates.add(new Impression("r" + from.toEpochMilli() + "-" + e, "u" + random.nextInt(30), t.plusSeconds(1),
                        "home", "web", "v1", null, shown));
            }
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
