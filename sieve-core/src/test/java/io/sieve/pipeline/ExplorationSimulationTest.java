package io.sieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Simulated users with hidden click rates: every known item is clicked 10% of the times it is
 * shown, and an item added after training, with no interactions, 50%. With exploration slots the
 * new item is found and shown until its observed CTR sits near the truth; without, it never is.
 */
class ExplorationSimulationTest {
    private static final String NEW_ITEM = "g0-new";
    private static final double NEW_CTR = 0.5;
    private static final double KNOWN_CTR = 0.1;

    @Test
    void thompsonSlotsFindANewGoodItemAndLearnItsClickRate() {
        double[] shownAndClicked = simulate("thompson");
        assertTrue(shownAndClicked[0] >= 40, "the new item was shown " + shownAndClicked[0] + " times");
        assertEquals(NEW_CTR, shownAndClicked[1] / shownAndClicked[0], 0.15,
                "observed CTR after " + shownAndClicked[0] + " impressions");
        assertTrue(shownAndClicked[2] <= 300, "first shown by request " + shownAndClicked[2]);
    }

    @Test
    void epsilonSlotsShowTheNewItemToo() {
        assertTrue(simulate("epsilon")[0] > 0);
    }

    @Test
    void withoutExplorationTheNewItemIsNeverShown() {
        assertEquals(0, simulate("none")[0]);
    }

    /** @return impressions of the new item, its clicks, and the request that first showed it */
    private static double[] simulate(String policy) {
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of(
                "ranking.type", "blend",
                // The blend weights the simulation was calibrated with; the defaults move with BENCHMARKS.md.
                "retrieval.sources.als.weight", "0.6",
                // Exploration alone: no content-borrowed ALS position (that path has its own test).
                "retrieval.newItemNeighbours", "0",
                "retrieval.sources.newItems.enabled", "true",
                "exploration.policy.type", policy,
                "exploration.policy.epsilon", "0.2"));
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(3, 20, 30, 10, 7).fill(store);
        ModelBundle bundle = new Trainer(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store);
        Instant now = TasteClusters.START.plusSeconds(7 * 86_400);
        store.putItems(List.of(new Item(NEW_ITEM, "A new film", null, List.of("genre0"), List.of(), Map.of(),
                now.minusSeconds(3_600), true)));
        ItemStatistics statistics = ItemStatistics.replayed(config, store);
        Random users = new Random(5);
        double shown = 0;
        double clicked = 0;
        double first = Double.NaN;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(config, store, statistics, executor);
            for (int request = 1; request <= 900; request++) {
                now = now.plusSeconds(60);
                String user = TasteClusters.user(users.nextInt(3), users.nextInt(30));
                Recommendations r = pipeline.recommend(RecommendationRequest.forUser(user, 5).asOf(now).build(),
                        bundle);
                statistics.apply(r.impression());
                for (var logged : r.impression().items()) {
                    boolean explores = logged.position() == 5 && !policy.equals("none");
                    assertTrue(explores ? logged.propensity() > 0 && logged.propensity() <= 1 : logged.propensity() == 1,
                            "propensity " + logged.propensity() + " at position " + logged.position());
                }
                for (var item : r.items()) {
                    boolean isNew = item.id().equals(NEW_ITEM);
                    if (isNew) {
                        shown++;
                        first = Double.isNaN(first) ? request : first;
                    }
                    if (users.nextDouble() < (isNew ? NEW_CTR : KNOWN_CTR)) {
                        Event click = new Event(user, item.id(), "click", null, now.plusSeconds(1), r.requestId(), null);
                        store.appendEvents(List.of(click));
                        statistics.apply(click);
                        clicked += isNew ? 1 : 0;
                    }
                }
            }
        }
        return new double[] {shown, clicked, first};
    }
}
