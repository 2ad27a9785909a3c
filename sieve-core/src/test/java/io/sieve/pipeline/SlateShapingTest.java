package io.sieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigException;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.model.Impression;
import io.sieve.rules.Condition;
import io.sieve.rules.Rule;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Boosts, pins, impression fatigue and confident slots, on the taste-cluster world. */
class SlateShapingTest {
    private static final Instant NOW = TasteClusters.START.plusSeconds(30 * 86_400);
    private static final String USER = TasteClusters.user(0, 3);

    private final InMemoryStore store = new InMemoryStore();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** The blend weights this world's slates were calibrated with; the defaults move with BENCHMARKS.md. */
    private final SieveConfig base = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("ranking.type", "blend",
            "retrieval.sources.als.weight", "0.6"));
    private final ModelBundle bundle;

    SlateShapingTest() {
        new TasteClusters(3, 30, 20, 12, 7).fill(store);
        bundle = new Trainer(base, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store);
    }

    @AfterEach
    void close() {
        executor.close();
    }

    private List<String> recommend(SieveConfig config, int n, List<Rule> requestRules) {
        Pipeline pipeline = PipelineFactory.create(config, store, ItemStatistics.of(config), executor);
        return pipeline.recommend(RecommendationRequest.forUser(USER, n).asOf(NOW).rules(requestRules).build(), bundle)
                .items().stream().map(Recommendations.RecommendedItem::id).toList();
    }

    private SieveConfig withRules(Rule... rules) {
        return base.withRules(List.of(rules));
    }

    @Test
    void aBoostBringsAnotherGenreIntoTheSlate() {
        assertTrue(recommend(base, 10, List.of()).stream().allMatch(id -> TasteClusters.genreOf(id) == 0));
        Rule boost = new Rule("promote genre 1", "boost", new Condition("category", "eq", "genre1", null), null,
                null, null, null, 50.0, null, null);
        List<String> boosted = recommend(withRules(boost), 10, List.of());
        assertTrue(boosted.stream().anyMatch(id -> TasteClusters.genreOf(id) == 1), boosted.toString());
    }

    @Test
    void pinsHoldTheirPositionUnlessAFilterRefusesTheItem() {
        String pinned = TasteClusters.item(2, 29);
        Rule pin = new Rule("launch", "pin", null, null, null, null, null, null, List.of(pinned), 2);
        assertEquals(pinned, recommend(withRules(pin), 5, List.of()).get(1));
        Rule excludeGenre2 = Rule.require("genre 0 only", new Condition("category", "eq", "genre0", null));
        List<String> filtered = recommend(withRules(pin), 5, List.of(excludeGenre2));
        assertFalse(filtered.contains(pinned));
        assertEquals(5, filtered.size());
    }

    @Test
    void itemsShownAgainAndAgainWithoutEngagementFade() {
        List<String> before = recommend(base, 5, List.of());
        String ignored = before.get(0);
        for (int i = 0; i < 3; i++) {
            store.logImpressions(List.of(new Impression("r" + i, USER, NOW.minusSeconds(3_600L * (i + 1)), "home", null,
                    bundle.version(), null, List.of(new Impression.Shown(ignored, 1, 1.0, 1.0, null)))));
        }
        List<String> after = recommend(base, 5, List.of());
        assertTrue(after.indexOf(ignored) != 0, "after 3 ignored impressions " + ignored + " no longer leads: " + after);
        SieveConfig noFatigue = ConfigLoader.withSettings(base, Map.of("rerank.fatigue.decay", "1"));
        assertEquals(before, recommend(noFatigue, 5, List.of()));
    }

    @Test
    void theFreshnessBonusLiftsANewItem() {
        store.putItems(List.of(new io.sieve.model.Item("g0-fresh", "Fresh", null, List.of("genre0"), List.of(), Map.of(),
                NOW.minusSeconds(86_400), true)));
        SieveConfig withNew = ConfigLoader.withSettings(base, Map.of("retrieval.sources.newItems.enabled", "true"));
        assertFalse(recommend(withNew, 5, List.of()).contains("g0-fresh"));
        SieveConfig fresh = ConfigLoader.withSettings(withNew, Map.of("rerank.freshnessBoost", "2"));
        assertEquals("g0-fresh", recommend(fresh, 5, List.of()).get(0));
    }

    @Test
    void confidentSlotsTakeOnlyConfidentItemsAndExplorationStaysOutOfThem() {
        SieveConfig strict = ConfigLoader.withSettings(base, Map.of("rerank.confidentSlots", "3",
                "rerank.minConfidence", "1.0"));
        List<String> plain = recommend(base, 5, List.of());
        assertEquals(plain.get(0), recommend(strict, 5, List.of()).get(0), "the top item has relevance 1");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.withSettings(strict, Map.of("exploration.policy.type", "epsilon", "rerank.confidentSlots", "5")));
        assertTrue(e.getMessage().contains("exploration.policy.slots"), e.getMessage());
    }
}
