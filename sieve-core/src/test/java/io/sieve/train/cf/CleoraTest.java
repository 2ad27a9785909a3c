package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.CleoraModel;
import io.sieve.pipeline.TasteClusters;
import io.sieve.train.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleoraTest {
    private static final Interactions CLUSTERS = PlantedGenres.WORLD;

    private static CleoraModel fit(int threads, long seed) {
        return new Cleora(new Cleora.Params(32, 2, 1.0, 0, seed, threads)).fit(CLUSTERS.positiveMatrix(), CLUSTERS.itemAttributes());
    }

    @Test
    void theSameSeedGivesTheSameEmbeddingsWhateverTheThreadCount() {
        CleoraModel one = fit(1, 5);
        assertArrayEquals(one.items().data(), fit(1, 5).items().data());
        assertArrayEquals(one.items().data(), fit(2, 5).items().data());
        assertFalse(java.util.Arrays.equals(one.items().data(), fit(1, 6).items().data()), "another seed, other vectors");
    }

    @Test
    void aUserPlacedAtTheMeanOfTheirItemsIsNearTheirGenre() {
        CleoraModel model = fit(2, 42);
        var ids = CLUSTERS.items();
        for (int genre = 0; genre < 4; genre++) {
            int[] history = {ids.indexOf(TasteClusters.item(genre, 1)), ids.indexOf(TasteClusters.item(genre, 4))};
            float[] user = model.userVector(history, new float[] {1, 1});
            int g = genre;
            long same = PlantedGenres.nearestGenres(model.items(), user, -1).stream().filter(x -> x == g).count();
            assertTrue(same >= 9, "genre " + genre + ": " + same + " of 10");
        }
    }

    @Test
    void anItemNobodyChoseIsPlacedByItsCategory() {
        CleoraModel model = fit(2, 42);
        int unseen = CLUSTERS.items().indexOf("unseen");
        List<Integer> genres = PlantedGenres.nearestGenres(model.items(), model.items().row(unseen), unseen);
        assertEquals(10, genres.stream().filter(g -> g == 2).count(), genres.toString());
    }

    @Test
    void withoutAttributeEdgesAnItemNobodyChoseHasNoPosition() {
        CleoraModel model = new Cleora(new Cleora.Params(32, 2, 0, 0, 42, 2)).fit(CLUSTERS.positiveMatrix(), CLUSTERS.itemAttributes());
        float[] unseen = model.items().row(CLUSTERS.items().indexOf("unseen"));
        assertEquals(0, VectorMath.dot(unseen, unseen));
    }
}
