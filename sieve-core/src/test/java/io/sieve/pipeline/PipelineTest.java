package io.sieve.pipeline;

import io.sieve.config.Fusion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.filter.FilterStage;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.funnel.RequestContext;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.rank.BlendRanker;
import io.sieve.rank.Ranker;
import io.sieve.rerank.SlateReRanker;
import io.sieve.retrieve.RankedListRetriever;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.funnel.Retrieved;
import io.sieve.retrieve.Retriever;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path dataDir;

    private final SieveConfig config = ConfigLoader.defaults();
    private Store store;
    private ExecutorService executor;
    private Pipeline pipeline;
    private ModelBundle bundle;

    @BeforeEach
    void setUp() {
        store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir);
        new TasteClusters(3, 30, 20, 12, 7).fill(store);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        pipeline = PipelineFactory.create(config, store, ItemStatistics.replayed(config, store), executor);
        bundle = new Trainer(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store);
    }

    @AfterEach
    void tearDown() {
        executor.close();
        store.close();
    }

    private Recommendations recommend(String user, int n) {
        return pipeline.recommend(RecommendationRequest.forUser(user, n).debug(true).build(), bundle);
    }

    private static List<String> ids(Recommendations r) {
        return r.items().stream().map(Recommendations.RecommendedItem::id).toList();
    }

    @Test
    void aUserGetsItemsOfTheirTasteWithSourcesAndReasons() {
        Recommendations r = recommend(TasteClusters.user(1, 0), 10);
        assertEquals(10, r.items().size());
        assertNotNull(r.requestId());
        long sameGenre = r.items().stream().filter(i -> TasteClusters.genreOf(i.id()) == 1).count();
        assertTrue(sameGenre >= 9, "expected items of genre 1, got " + ids(r));
        Recommendations.RecommendedItem top = r.items().get(0);
        assertTrue(top.sources().contains("covisitation"), top.toString());
        assertTrue(top.reason().startsWith("because you viewed Item "), top.reason());
        assertTrue(r.debug().timingsMs().containsKey("retrieve"));
        assertTrue(r.debug().candidates().get("covisitation") > 0);
    }

    @Test
    void seenItemsAreNeverRecommended() {
        for (int u = 0; u < 20; u++) {
            String user = TasteClusters.user(0, u);
            Set<String> seen = Set.copyOf(store.history(user, 1000).stream().map(Event::item).toList());
            for (String id : ids(recommend(user, 50))) {
                assertFalse(seen.contains(id), user + " was shown " + id + " again");
            }
        }
    }

    @Test
    void negativeFeedbackHidesTheItemEvenWhenItsTypeDoesNotMarkItSeen() {
        // With seen: false the seen filter cannot be what removes the item: only the negative filter can.
        SieveConfig notSeen = ConfigLoader.withSettings(config,
                Map.of("eventTypes.dislike.seen", "false", "eventTypes.hide.seen", "false"));
        Pipeline strict = PipelineFactory.create(notSeen, store, ItemStatistics.of(notSeen), executor);
        String user = TasteClusters.user(2, 3);
        List<String> before = ids(strict.recommend(RecommendationRequest.of(user, 10), bundle));
        String disliked = before.get(0);
        store.appendEvents(List.of(Event.of(user, disliked, "dislike", TasteClusters.START.plusSeconds(86_400 * 30))));
        List<String> after = ids(strict.recommend(RecommendationRequest.of(user, 10), bundle));
        assertFalse(after.contains(disliked));
        store.appendEvents(List.of(Event.of(user, after.get(0), "hide", TasteClusters.START.plusSeconds(86_400 * 31))));
        assertFalse(ids(strict.recommend(RecommendationRequest.of(user, 10), bundle)).contains(after.get(0)));

        var context = strict.context(RecommendationRequest.of(user, 10), bundle);
        assertFalse(context.seenItems().contains(disliked));
        var result = PipelineFactory.filters(notSeen).apply(List.of(new io.sieve.funnel.Candidate(disliked)), context);
        assertEquals(Map.of("negative", 1), result.removedBy());
    }

    @Test
    void aDislikePushesTheDislikedItemsNeighboursDown() {
        String user = TasteClusters.user(1, 4);
        assertEquals("covisitation", pipeline.retrieval().sources().get(0).name());
        var covisitation = pipeline.retrieval().sources().get(0).retriever();
        String disliked = ids(recommend(user, 1)).get(0);
        int index = bundle.items().indexOf(disliked);
        Map<String, Double> before = scores(covisitation.retrieve(pipeline.context(RecommendationRequest.of(user, 1), bundle), 300));
        String neighbour = null;
        for (int p = bundle.coVisitation().start(index); p < bundle.coVisitation().end(index) && neighbour == null; p++) {
            String id = bundle.items().id(bundle.coVisitation().neighbour(p));
            neighbour = before.containsKey(id) ? id : null;
        }
        assertNotNull(neighbour, "the disliked item has no neighbour among the candidates");
        store.appendEvents(List.of(Event.of(user, disliked, "dislike", TasteClusters.START.plusSeconds(86_400 * 30))));
        Map<String, Double> after = scores(covisitation.retrieve(pipeline.context(RecommendationRequest.of(user, 1), bundle), 300));
        assertTrue(after.getOrDefault(neighbour, 0.0) < before.get(neighbour),
                neighbour + " should score lower after the dislike: " + before.get(neighbour) + " -> " + after.get(neighbour));
    }

    private static Map<String, Double> scores(List<Retrieved> retrieved) {
        Map<String, Double> scores = new java.util.HashMap<>();
        retrieved.forEach(r -> scores.put(r.itemId(), r.score()));
        return scores;
    }

    @Test
    void callerExclusionsCategoriesAndAvailabilityAreHonoured() {
        String user = TasteClusters.user(0, 1);
        List<String> first = ids(recommend(user, 5));
        var excluded = pipeline.recommend(RecommendationRequest.forUser(user, 5)
                .exclude(Set.copyOf(first))
                .build(), bundle);
        assertTrue(ids(excluded).stream().noneMatch(first::contains));

        var inGenre2 = pipeline.recommend(RecommendationRequest.forUser(user, 10)
                .categories(Set.of("genre2", "genre1"))
                .build(), bundle);
        assertEquals(10, inGenre2.items().size());
        assertTrue(ids(inGenre2).stream().allMatch(id -> TasteClusters.genreOf(id) != 0));

        Item gone = store.item(first.get(0)).orElseThrow();
        store.putItems(List.of(new Item(gone.id(), gone.title(), null, gone.categories(), null, null, null, false)));
        assertFalse(ids(recommend(user, 10)).contains(gone.id()));
    }

    @Test
    void anUnknownUserGetsPopularItems() {
        Recommendations r = recommend("someone-new", 10);
        assertEquals(10, r.items().size());
        assertTrue(r.items().stream().allMatch(i -> i.sources().contains("popularity") || i.sources().contains("trending")));
        assertTrue(r.items().get(0).reason().contains("popular") || r.items().get(0).reason().contains("trending"));
    }

    @Test
    void aSourcePastTheDeadlineIsSkippedAndTheResponseStillComes() {
        Retriever slow = new Retriever() {
            @Override
            public List<Retrieved> retrieve(RequestContext context, int quota) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(new Retrieved("never", 1, "too late"));
            }
        };
        Retriever broken = new Retriever() {
            @Override
            public List<Retrieved> retrieve(RequestContext context, int quota) {
                throw new IllegalStateException("index missing");
            }
        };
        var stage = new RetrievalStage(List.of(new RetrievalStage.Source("slow", slow, 10),
                new RetrievalStage.Source("broken", broken, 10), new RetrievalStage.Source("popularity", RankedListRetriever.popularity(), 20)), executor, Duration.ofMillis(200));
        var blend = new BlendRanker(Map.of("popularity", 1.0), Fusion.score, 60);
        Pipeline degraded = new Pipeline(store, config.types(), 100, stage, PipelineFactory.filters(config), blend,
                blend, Duration.ofSeconds(5), executor, new SlateReRanker(config.rerank(), store), List.of(), java.time.Instant::now);
        Recommendations r = degraded.recommend(RecommendationRequest.forUser("g0-u0", 5).debug(true).build(), bundle);
        assertEquals(5, r.items().size());
        assertEquals(List.of("slow"), r.debug().timedOut());
        assertEquals(List.of("broken"), r.debug().failed());
    }

    @Test
    void categoryCapsSpreadTheSlateAcrossGenres() {
        String user = TasteClusters.user(0, 2);
        var request = RecommendationRequest.forUser(user, 6).build();
        Map<Integer, Long> uncapped = genres(pipeline.recommend(request, bundle));
        assertTrue(uncapped.getOrDefault(0, 0L) > 2, "without caps the user's genre fills the slate: " + uncapped);

        SieveConfig capped = ConfigLoader.withSettings(config, Map.of("rerank.categoryCap", "2"));
        Pipeline withCaps = PipelineFactory.create(capped, store, ItemStatistics.of(capped), executor);
        assertEquals(Map.of(0, 2L, 1, 2L, 2, 2L), genres(withCaps.recommend(request, bundle)));
    }

    private static Map<Integer, Long> genres(Recommendations r) {
        return r.items().stream().collect(java.util.stream.Collectors.groupingBy(
                i -> TasteClusters.genreOf(i.id()), java.util.stream.Collectors.counting()));
    }

    @Test
    void aFailingRankerFallsBackToTheBlend() {
        Recommendations r = withRanker((context, candidates) -> {
            throw new IllegalStateException("model file corrupt");
        }).recommend(RecommendationRequest.forUser(TasteClusters.user(0, 2), 10).debug(true).build(), bundle);
        assertEquals(10, r.items().size());
        assertEquals(1, r.debug().fallbacks().size());
        assertTrue(r.debug().fallbacks().get(0).startsWith("rank: java.lang.IllegalStateException: model file corrupt"));
        assertEquals("blend (fallback)", r.debug().rankedBy());
        assertTrue(r.items().stream().allMatch(i -> i.reason() != null));
    }

    @Test
    void aRankerPastItsDeadlineIsAbandonedForTheBlend() {
        Recommendations slow = withRanker((context, candidates) -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new io.sieve.funnel.Ranked(candidates.stream().map(c -> c.withScore(-1, "late")).toList(), "late", null);
        }).recommend(RecommendationRequest.forUser(TasteClusters.user(0, 2), 10).debug(true).build(), bundle);
        assertEquals(List.of("rank: missed the 50 ms deadline"), slow.debug().fallbacks());
        var blendOnly = withRanker(blend()).recommend(
                RecommendationRequest.forUser(TasteClusters.user(0, 2), 10).debug(true).build(), bundle);
        assertEquals(blendOnly.items().stream().map(Recommendations.RecommendedItem::id).toList(),
                slow.items().stream().map(Recommendations.RecommendedItem::id).toList());
        assertTrue(slow.items().stream().noneMatch(i -> "late".equals(i.reason())));
    }

    private Pipeline withRanker(Ranker ranker) {
        return new Pipeline(store, config.types(), 100, pipeline.retrieval(), PipelineFactory.filters(config),
                ranker, blend(), Duration.ofMillis(50), executor, new SlateReRanker(config.rerank(), store), List.of(), java.time.Instant::now);
    }

    private BlendRanker blend() {
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        config.retrieval().sources().forEach((name, s) -> weights.put(name, s.weight()));
        return new BlendRanker(weights, config.ranking().fusion(), config.ranking().rrfK());
    }

    @Test
    void sessionSourceFollowsTheLatestClicks() {
        String user = "fresh";
        Instant now = TasteClusters.START.plusSeconds(86_400 * 60);
        store.appendEvents(List.of(
                Event.of(user, TasteClusters.item(2, 0), "click", now.minusSeconds(120)),
                Event.of(user, TasteClusters.item(2, 1), "click", now.minusSeconds(60))));
        var r = pipeline.recommend(RecommendationRequest.forUser(user, 10).debug(true).asOf(now).build(), bundle);
        assertTrue(r.debug().candidates().get("session") > 0);
        assertTrue(ids(r).stream().limit(5).allMatch(id -> TasteClusters.genreOf(id) == 2), ids(r).toString());
        assertTrue(r.items().stream().anyMatch(i -> i.sources().contains("session")));
        var session = pipeline.retrieval().sources().stream()
                .filter(s -> s.name().equals("session")).findFirst().orElseThrow();
        var context = pipeline.context(RecommendationRequest.forUser(user, 10).asOf(now).build(), bundle);
        var proposed = session.retriever().retrieve(context, 5);
        assertEquals(5, proposed.size());
        assertTrue(proposed.get(0).reason().startsWith("because you just viewed Item "), proposed.get(0).reason());
        var later = pipeline.context(RecommendationRequest.forUser(user, 10)
                .asOf(now.plusSeconds(3600))
                .build(), bundle);
        assertTrue(session.retriever().retrieve(later, 5).isEmpty(), "an hour later the session is over");
    }

    @Test
    void filterStageCountsWhatEachFilterRemoved() {
        FilterStage filters = PipelineFactory.filters(config);
        String user = TasteClusters.user(0, 0);
        var context = pipeline.context(RecommendationRequest.of(user, 10), bundle);
        String seenItem = store.history(user, 1).get(0).item();
        var candidates = new java.util.ArrayList<io.sieve.funnel.Candidate>();
        candidates.add(new io.sieve.funnel.Candidate(seenItem));
        candidates.add(new io.sieve.funnel.Candidate("not-in-catalog"));
        candidates.add(new io.sieve.funnel.Candidate(TasteClusters.item(1, 29)));
        var result = filters.apply(candidates, context);
        assertEquals(1, result.kept().size());
        assertEquals(Map.of("seen", 1, "unavailable", 1), result.removedBy());
    }
}
