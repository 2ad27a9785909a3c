package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.pipeline.TasteClusters;
import io.sieve.train.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoTowerTest {
    private static final Interactions CLUSTERS = PlantedGenres.WORLD;

    private static TwoTowerModel fit(int layers, int hardNegatives, int threads, long seed) {
        return fit(layers, hardNegatives, CatalogAttributes.ofItems(CLUSTERS.itemAttributes()), threads, seed);
    }

    private static TwoTowerModel fit(int layers, int hardNegatives, CatalogAttributes attributes, int threads, long seed) {
        return new TwoTower(new TwoTower.Params(16, layers, 0.1, 64, 8, 0.01, layers == 2, 20, hardNegatives, 20, 0.2, 0.2, 40, 8,
                true, seed, threads))
                .fit(CLUSTERS.positiveMatrix(), attributes);
    }

    /** Every user's one attribute says their genre, as a country might say a taste. */
    private static CatalogAttributes withProfiles() {
        var users = CLUSTERS.positiveMatrix().userIds().stream().map(u -> List.of(profile(TasteClusters.genreOf(u)))).toList();
        return new CatalogAttributes(CLUSTERS.itemAttributes(), users);
    }

    private static String profile(int genre) {
        return "country=C" + genre;
    }

    private static void assertRecoversTheGenres(TwoTowerModel model) {
        var ids = CLUSTERS.items();
        for (int genre = 0; genre < 4; genre++) {
            // One click is enough to place a user.
            float[] oneClick = model.userVector(new int[] {ids.indexOf(TasteClusters.item(genre, 3))}, List.of());
            int g = genre;
            long same = PlantedGenres.nearestGenres(model.items(), oneClick, -1).stream().filter(x -> x == g).count();
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
    void aUserWhoHasChosenNothingIsPlacedByTheirAttributes() {
        TwoTowerModel model = fit(1, 0, withProfiles(), 2, 42);
        for (int genre = 0; genre < 4; genre++) {
            int g = genre;
            long same = PlantedGenres.nearestGenres(model.items(), model.userVector(new int[0], List.of(profile(genre), "age=99+")), -1)
                    .stream().filter(x -> x == g).count();
            assertTrue(same >= 9, "genre " + genre + ": " + same + " of 10");
        }
        assertTrue(model.userVector(new int[0], List.of("country=nowhere")) == null, "nothing known, no position");
    }

    @Test
    void anItemNobodyChoseIsPlacedByItsCategoryAndSoIsABrandNewOne() {
        TwoTowerModel model = fit(1, 0, 2, 42);
        int unseen = CLUSTERS.items().indexOf("unseen");
        List<Integer> inBundle = PlantedGenres.nearestGenres(model.items(), model.items().row(unseen), unseen);
        assertTrue(inBundle.stream().filter(g -> g == 2).count() >= 9, inBundle.toString());
        List<Integer> brandNew = PlantedGenres.nearestGenres(model.items(), model.newItemVector(List.of("category:genre2", "tag:unknown")), -1);
        assertTrue(brandNew.stream().filter(g -> g == 2).count() >= 9, brandNew.toString());
        assertTrue(model.newItemVector(List.of("category:never-seen")) == null, "nothing known, no position");
    }
}
