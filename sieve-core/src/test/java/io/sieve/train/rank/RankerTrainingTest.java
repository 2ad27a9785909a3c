package io.sieve.train.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.bundle.ModelBundle;
import io.sieve.feature.EventTrail;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import io.sieve.pipeline.TasteClusters;
import io.sieve.funnel.Candidate;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RankerTrainingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    /** Serves whatever ranker it trains: these tests are about ranking, not about the gate. */
    private final SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("ranking.gate", "false"));

    private static InMemoryStore world() {
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(3, 30, 100, 12, 7).fill(store);
        return store;
    }

    private static EventTrail events(InMemoryStore store) {
        return EventTrail.of(store::forEachEvent);
    }

    @Test
    void featuresOfARowAtTimeTDoNotChangeWhenLaterEventsArrive() {
        InMemoryStore store = world();
        ModelBundle retrieval = new Trainer(config, CLOCK).trainRetrieval(store);
        String user = TasteClusters.user(1, 4);
        Instant t = store.history(user, 1).get(0).timestamp().plusSeconds(30);
        var request = new RequestReplay.Request(user, t, "home", null);
        RequestReplay replay = new RequestReplay(config);
        RequestReplay.Row before = replay.rows(store, retrieval, events(store), List.of(), List.of(request)).get(0);

        // After t: the same user and others act on the very candidates of the row, and it is shown to them.
        List<Event> later = new ArrayList<>();
        List<Impression.Shown> shown = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String item = before.candidates().get(i).itemId();
            later.add(new Event(user, item, "purchase", 5.0, t.plusSeconds(1 + i), null, null));
            later.add(new Event(TasteClusters.user(0, i), item, "like", null, t.plusSeconds(100 + i), null, null));
            shown.add(new Impression.Shown(item, i + 1, 1.0, 1.0, null));
        }
        store.appendEvents(later);
        List<Impression> impressions = List.of(new Impression("later", user, t.plusSeconds(50), "home", null,
                retrieval.version(), null, shown));
        store.logImpressions(impressions);
        RequestReplay.Row after = new RequestReplay(config)
                .rows(store, retrieval, events(store), impressions, List.of(request)).get(0);

        assertEquals(ids(before.candidates()), ids(after.candidates()));
        assertArrayEquals(before.features(), after.features());

        // The control: asked after those events, the same user's row does change.
        var laterRequest = new RequestReplay.Request(user, t.plusSeconds(3600), "home", null);
        RequestReplay.Row changed = new RequestReplay(config)
                .rows(store, retrieval, events(store), impressions, List.of(laterRequest)).get(0);
        assertFalse(Arrays.equals(before.features(), changed.features()));
    }

    @Test
    void aRankerTrainedOnReplayedHistoryRanksAndExplains() {
        InMemoryStore store = world();
        ModelBundle bundle = new Trainer(config, CLOCK).train(store);
        assertFalse(bundle.ranker().isEmpty());
        Map<?, ?> report = (Map<?, ?>) bundle.manifest().parameters().get("ranker");
        assertTrue(report.get("data").toString().startsWith("held-out history"));
        Map<?, ?> click = (Map<?, ?>) ((Map<?, ?>) report.get("objectives")).get("click");
        assertFalse(((Map<?, ?>) click.get("importance")).isEmpty());
        Map<?, ?> validation = (Map<?, ?>) report.get("validation");
        assertEquals(java.util.Set.of("random", "latest", "all"), validation.keySet(), "validated on both kinds: " + report);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(config, store, ItemStatistics.replayed(config, store), executor);
            String user = TasteClusters.user(2, 3);
            Recommendations r = pipeline.recommend(RecommendationRequest.forUser(user, 10).debug(true).build(), bundle);
            assertEquals("learned {click=1.0}", r.debug().rankedBy());
            assertEquals(10, r.items().size());
            for (var item : r.items()) {
                assertNotNull(item.reason());
                assertEquals(5, item.explanation().size(), "top SHAP contributions shown with debug");
                assertEquals(2, TasteClusters.genreOf(item.id()), "ranked items stay in the user's genre");
            }
            assertEquals(bundle.ranker().featureSchema(), r.impression().featureSchema());
            assertEquals(bundle.ranker().features().size(), r.impression().items().get(0).features().length);
        }
    }

    @Test
    void anObjectiveWithoutAModelIsSkippedAndTheOthersServe() {
        InMemoryStore store = world();
        SieveConfig withConversion = ConfigLoader.withSettings(config, Map.of("ranking.objectives.conversion.weight", "2"));
        ModelBundle bundle = new Trainer(withConversion, CLOCK).train(store);
        Map<?, ?> objectives = (Map<?, ?>) ((Map<?, ?>) bundle.manifest().parameters().get("ranker")).get("objectives");
        assertTrue(objectives.get("conversion").toString().startsWith("not trained"), objectives.toString());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(withConversion, store, ItemStatistics.of(withConversion), executor);
            Recommendations r = pipeline.recommend(RecommendationRequest.forUser(TasteClusters.user(0, 1), 10)
                    .debug(true)
                    .build(), bundle);
            assertEquals("learned {click=1.0}", r.debug().rankedBy());
            assertTrue(r.debug().fallbacks().isEmpty());
        }
    }

    @Test
    void loggedImpressionsReplaceReplayOnceThereAreEnough() {
        InMemoryStore store = world();
        SieveConfig fromLogs = ConfigLoader.withSettings(config, Map.of("ranking.training.minImpressions", "300"));
        ModelBundle bundle = new Trainer(fromLogs, CLOCK).train(store);
        Random random = new Random(3);
        Instant at = TasteClusters.START.plusSeconds(86_400);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(fromLogs, store, ItemStatistics.replayed(fromLogs, store), executor);
            for (int round = 0; round < 2; round++) {
                for (int g = 0; g < 3; g++) {
                    for (int u = 0; u < 100; u++) {
                        String user = TasteClusters.user(g, u);
                        at = at.plusSeconds(60);
                        Recommendations r = pipeline.recommend(
                                RecommendationRequest.forUser(user, 10).asOf(at).build(), bundle);
                        store.logImpressions(List.of(r.impression()));
                        // Users click what is shown from their genre, mostly near the top.
                        for (var item : r.items()) {
                            if (TasteClusters.genreOf(item.id()) == g && random.nextDouble() < 0.5) {
                                store.appendEvents(List.of(new Event(user, item.id(), "click", null, at.plusSeconds(5),
                                        r.requestId(), null)));
                            }
                        }
                    }
                }
            }
        }
        assertEquals(600, store.impressionCount());
        ModelBundle retrained = new Trainer(fromLogs, CLOCK).train(store);
        Map<?, ?> report = (Map<?, ?>) retrained.manifest().parameters().get("ranker");
        assertTrue(report.get("data").toString().startsWith("logged impressions"), report.toString());
        List<Impression> logged = new ArrayList<>();
        store.forEachImpression(logged::add);
        long ranked = logged.stream().filter(i -> !i.items().isEmpty() && i.items().stream().allMatch(x -> x.features() != null)).count();
        assertTrue(ranked > 550, "most slates were ranked by the model: " + ranked);
        long engaged = logged.stream().filter(i -> i.items().stream()
                .anyMatch(x -> TasteClusters.genreOf(x.item()) == TasteClusters.genreOf(i.user()))).count();
        assertTrue(((Number) report.get("lists")).longValue() <= engaged, "only slates with a click are lists: " + report);
    }

    @Test
    void slatesNobodyClickedDoNotReplaceHistory() {
        InMemoryStore store = world();
        SieveConfig fromLogs = ConfigLoader.withSettings(config, Map.of("ranking.training.minImpressions", "300"));
        ModelBundle bundle = new Trainer(fromLogs, CLOCK).train(store);
        Instant at = TasteClusters.START.plus(java.time.Duration.ofDays(30)); // after every event: nothing to attribute
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(fromLogs, store, ItemStatistics.replayed(fromLogs, store), executor);
            for (int u = 0; u < 100; u++) {
                for (int g = 0; g < 3; g++) {
                    at = at.plusSeconds(60);
                    store.logImpressions(List.of(pipeline.recommend(RecommendationRequest.forUser(TasteClusters.user(g, u), 10)
                            .asOf(at)
                            .build(), bundle).impression()));
                }
            }
        }
        assertEquals(300, store.impressionCount());
        Map<?, ?> report = (Map<?, ?>) new Trainer(fromLogs, CLOCK).train(store).manifest().parameters().get("ranker");
        assertTrue(report.get("data").toString().startsWith("held-out history (0 engaged logged slates"), report.toString());
        assertEquals(Boolean.TRUE, report.get("served"));
    }

    @Test
    void aRankerThatLosesToTheBlendOnHeldOutListsIsNotServedAndSaysWhy() {
        InMemoryStore store = world();
        SieveConfig gated = ConfigLoader.defaults();
        ModelBundle bundle = new Trainer(gated, CLOCK).train(store);
        Map<?, ?> report = (Map<?, ?>) bundle.manifest().parameters().get("ranker");
        assertEquals(Boolean.FALSE, report.get("served"), report.toString());
        String decision = report.get("decision").toString();
        assertTrue(decision.startsWith("the ranker lost to the blend on "), decision);
        assertTrue(bundle.ranker().isEmpty(), "a withheld ranker is not in the bundle");
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(gated, store, ItemStatistics.replayed(gated, store), executor);
            Recommendations r = pipeline.recommend(RecommendationRequest.forUser(TasteClusters.user(1, 2), 10)
                    .debug(true)
                    .build(), bundle);
            assertEquals("blend (ranker withheld by training: " + decision + ")", r.debug().rankedBy());
            var blend = PipelineFactory.create(ConfigLoader.withSettings(gated, Map.of("ranking.type", "blend")), store,
                    ItemStatistics.replayed(gated, store), executor).recommend(RecommendationRequest.forUser(TasteClusters.user(1, 2), 10)
                            .build(), bundle);
            assertEquals(blend.items().stream().map(Recommendations.RecommendedItem::id).toList(),
                    r.items().stream().map(Recommendations.RecommendedItem::id).toList(), "the blend's own list is served");
        }
    }

    @Test
    void aRankerThatBeatsAPoorBlendOnBothKindsOfListsIsServed() {
        InMemoryStore store = world();
        // A blend that leans on global popularity: the ranker sees every source and the user's genre.
        SieveConfig poorBlend = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of(
                "retrieval.sources.popularity.weight", "1", "retrieval.sources.als.weight", "0.001",
                "retrieval.sources.ease.weight", "0.001", "retrieval.sources.covisitation.weight", "0.001",
                "retrieval.sources.session.weight", "0.001", "retrieval.sources.alsSession.weight", "0.001",
                "retrieval.sources.segment.weight", "0.001"));
        ModelBundle bundle = new Trainer(poorBlend, CLOCK).train(store);
        Map<?, ?> report = (Map<?, ?>) bundle.manifest().parameters().get("ranker");
        assertEquals(Boolean.TRUE, report.get("served"), report.toString());
        Map<?, ?> validation = (Map<?, ?>) report.get("validation");
        for (String kind : List.of("random", "latest")) {
            Map<?, ?> outcome = (Map<?, ?>) validation.get(kind);
            assertTrue(((Number) outcome.get("gain")).doubleValue() > 0, kind + ": " + outcome);
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(poorBlend, store, ItemStatistics.replayed(poorBlend, store), executor);
            Recommendations r = pipeline.recommend(RecommendationRequest.forUser(TasteClusters.user(1, 2), 10)
                    .debug(true)
                    .build(), bundle);
            assertEquals("learned {click=1.0}", r.debug().rankedBy());
        }
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::itemId).toList();
    }
}
