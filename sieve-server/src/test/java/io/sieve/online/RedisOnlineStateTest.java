package io.sieve.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.Eventually;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two replicas' online state through one real Redis, and what happens when Redis goes away and comes back. */
class RedisOnlineStateTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final InMemoryStore store = new InMemoryStore();

    private static SieveConfig config(RedisServer redis) {
        return ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("online.url", redis.url()));
    }

    private static Impression slate(String requestId, String user, Instant at, String... items) {
        List<Impression.Shown> shown = new java.util.ArrayList<>();
        for (String item : items) {
            shown.add(new Impression.Shown(item, shown.size() + 1, 1.0, 1.0, null));
        }
        return new Impression(requestId, user, at, "home", null, "v1", null, shown);
    }

    @Test
    void eventsAndSlatesOnOneReplicaReachTheOther() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            SieveConfig config = config(redis);
            ItemStatistics countsA = ItemStatistics.of(config);
            ItemStatistics countsB = ItemStatistics.of(config);
            try (OnlineState a = OnlineStates.open(config, countsA, store); OnlineState b = OnlineStates.open(config, countsB, store)) {
                a.accepted(List.of(Event.of("u1", "i1", "click", NOW)));
                Eventually.await("replica B counts A's click", SOON, () -> countsB.engaged("i1") == 1);
                assertEquals(1, countsA.engaged("i1"), "A counts its own click once, not again from the stream");

                a.served(slate("r1", "u1", NOW, "i1", "i2"));
                Eventually.await("replica B holds A's slate", SOON, () -> b.recentImpressions("u1", 10).size() == 1);
                Impression seen = b.recentImpressions("u1", 10).getFirst();
                assertEquals(List.of("i1", "i2"), seen.items().stream().map(Impression.Shown::item).toList());
                assertEquals(NOW, seen.timestamp());
                Eventually.await("replica B counts A's impressions", SOON, () -> countsB.shown("i2") == 1);
                assertTrue(a.degraded().isEmpty() && b.degraded().isEmpty());
            }
        }
    }

    @Test
    void userSlateListsAreCappedNewestFirst() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            SieveConfig config = ConfigLoader.withSettings(config(redis), Map.of("online.recentSlates", "3"));
            try (OnlineState a = OnlineStates.open(config, ItemStatistics.of(config), store)) {
                for (int i = 0; i < 5; i++) {
                    a.served(slate("r" + i, "u1", NOW.plusSeconds(i), "i" + i));
                }
                Eventually.await("the last slate is in Redis", SOON, () -> !a.recentImpressions("u1", 10).isEmpty()
                        && a.recentImpressions("u1", 10).getFirst().requestId().equals("r4"));
                assertEquals(List.of("r4", "r3", "r2"), a.recentImpressions("u1", 10).stream().map(Impression::requestId).toList());
            }
        }
    }

    @Test
    void withRedisGoneAReplicaServesFromTheStoreAndRecoversWhenItReturns() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            SieveConfig config = config(redis);
            ItemStatistics countsB = ItemStatistics.of(config);
            store.logImpressions(List.of(slate("stored", "u1", NOW, "i1")));
            try (OnlineState a = OnlineStates.open(config, ItemStatistics.of(config), store);
                 OnlineState b = OnlineStates.open(config, countsB, store)) {
                redis.kill();
                a.accepted(List.of(Event.of("u1", "i5", "click", NOW)));
                a.served(slate("r1", "u1", NOW, "i5"));
                assertEquals("stored", a.recentImpressions("u1", 10).getFirst().requestId(), "read from the store while Redis is down");
                Eventually.await("A reports Redis down", SOON, () -> a.degraded().isPresent());
                assertTrue(a.degraded().get().contains("Redis at 127.0.0.1"), a.degraded().get());

                redis.resume();
                Eventually.await("both replicas find Redis again", SOON, () -> a.degraded().isEmpty() && b.degraded().isEmpty());
                a.accepted(List.of(Event.of("u2", "i9", "click", NOW)));
                Eventually.await("updates flow again", SOON, () -> countsB.engaged("i9") == 1);
                assertEquals(0, countsB.engaged("i5"), "what was shared while Redis was down is not replayed");
            }
        }
    }
}
