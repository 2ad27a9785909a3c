package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.config.ConfigLoader;
import io.sieve.model.Item;
import io.sieve.pipeline.TasteClusters;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Interactions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TwoTowerTest {
    /** Four planted genres of taste, plus one drama nobody has chosen yet, known only by its category. */
    private static final Interactions CLUSTERS = clusters();

    private static Interactions clusters() {
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(4, 25, 40, 10, 11).fill(store);
        store.putItems(List.of(Item.of("unseen", "A new one", List.of("genre2"))));
        return Interactions.load(store, ConfigLoader.defaults().types(), Duration.ofDays(7));
    }

    private static TwoTowerModel fit(int layers, int hardNegatives, int threads, long seed) {
        return new TwoTower(new TwoTower.Params(16, layers, 0.1, 64, 8, 0.01, layers == 2, 20, hardNegatives, 20, 0.2, 40, 8, true, seed, threads))
                .fit(CLUSTERS.positiveMatrix(), CLUSTERS.itemAttributes());
    }

    /** Genres of the ten items closest to the vector, the excluded item and the unseen one left out. */
    private static List<Integer> nearestGenres(TwoTowerModel model, float[] query, int exclude) {
        var ids = CLUSTERS.items();
        return IntStream.range(0, ids.size()).boxed()
                .filter(i -> i != exclude && !ids.id(i).equals("unseen"))
                .sorted(Comparator.comparingDouble((Integer i) -> -VectorMath.dot(query, model.items().row(i))))
                .limit(10)
                .map(i -> TasteClusters.genreOf(ids.id(i)))
                .toList();
    }

    private static void assertRecoversTheGenres(TwoTowerModel model) {
        var ids = CLUSTERS.items();
        for (int genre = 0; genre < 4; genre++) {
            // One click is enough to place a user.
            float[] oneClick = model.userVector(new int[] {ids.indexOf(TasteClusters.item(genre, 3))});
            int g = genre;
            long same = nearestGenres(model, oneClick, -1).stream().filter(x -> x == g).count();
            assertTrue(same >= 9, "genre " + genre + ": " + same + " of 10");
        }
    }

    @Test
    void recoversPlantedClustersFromOneClick() {
        assertRecoversTheGenres(fit(1, 0, 2, 42));
    }

    @Test
    void recoversThemWithTwoLayersAttentionAndHardNegatives() {
        assertRecoversTheGenres(fit(2, 8, 2, 42));
    }

    @Test
    void theSameSeedGivesTheSameModelWhateverTheThreadCount() {
        TwoTowerModel one = fit(1, 4, 1, 5);
        assertArrayEquals(one.items().data(), fit(1, 4, 2, 5).items().data());
        assertArrayEquals(one.historyInputs().data(), fit(1, 4, 2, 5).historyInputs().data());
        assertFalse(java.util.Arrays.equals(one.items().data(), fit(1, 4, 1, 6).items().data()), "another seed, another model");
    }

    @Test
    void anItemNobodyChoseIsPlacedByItsCategoryAndSoIsABrandNewOne() {
        TwoTowerModel model = fit(1, 0, 2, 42);
        int unseen = CLUSTERS.items().indexOf("unseen");
        List<Integer> inBundle = nearestGenres(model, model.items().row(unseen), unseen);
        assertTrue(inBundle.stream().filter(g -> g == 2).count() >= 9, inBundle.toString());
        List<Integer> brandNew = nearestGenres(model, model.newItemVector(List.of("category:genre2", "tag:unknown")), -1);
        assertTrue(brandNew.stream().filter(g -> g == 2).count() >= 9, brandNew.toString());
        assertTrue(model.newItemVector(List.of("category:never-seen")) == null, "nothing known, no position");
    }
}
