package io.sieve.retrieve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.model.Item;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.pipeline.TasteClusters;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * An item added after training, with no interactions, borrows the ALS position of the items its
 * text resembles: the ALS source proposes it to users whose taste is there, and not to others.
 */
class BorrowedPositionsTest {
    @Test
    void aNewItemReachesTheUsersOfItsContentNeighboursThroughAls() {
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("ranking.type", "blend",
                "retrieval.newItemNeighbours", "10"));
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(3, 30, 20, 12, 7).fill(store);
        ModelBundle bundle = new Trainer(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store);
        Instant now = TasteClusters.START.plusSeconds(30 * 86_400);
        store.putItems(List.of(new Item("g1-new", "Item 99 of genre 1", null, List.of("genre1"), List.of(), Map.of(),
                now.minusSeconds(3_600), true)));
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(config, store, ItemStatistics.of(config), executor);
            Retriever als = pipeline.retrieval().sources().stream().filter(s -> s.name().equals("als"))
                    .map(RetrievalStage.Source::retriever).findFirst().orElseThrow();
            assertTrue(proposed(pipeline, als, bundle, TasteClusters.user(1, 4), now, 30).contains("g1-new"));
            assertFalse(proposed(pipeline, als, bundle, TasteClusters.user(0, 4), now, 30).contains("g1-new"));
        }
    }

    private static List<String> proposed(Pipeline pipeline, Retriever als, ModelBundle bundle, String user, Instant now,
                                         int quota) {
        RequestContext context = pipeline.context(RecommendationRequest.forUser(user, 10).asOf(now).build(), bundle);
        return als.retrieve(context, quota).stream().map(Retrieved::itemId).toList();
    }
}
