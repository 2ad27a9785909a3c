package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.CleoraModel;
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

class CleoraTest {
    /** Four genres of taste; plus one drama nobody has chosen yet, known only by its category. */
    private static final Interactions CLUSTERS = clusters();

    private static Interactions clusters() {
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(4, 25, 40, 10, 11).fill(store);
        store.putItems(List.of(Item.of("unseen", "A new one", List.of("genre2"))));
        return Interactions.load(store, ConfigLoader.defaults().types(), Duration.ofDays(7));
    }

    private static CleoraModel fit(int threads, long seed) {
        return new Cleora(new Cleora.Params(32, 2, 1.0, 0, seed, threads)).fit(CLUSTERS.positiveMatrix(), CLUSTERS.itemAttributes());
    }

    /** Genres of the ten items closest to the vector, the item itself excluded. */
    private static List<Integer> nearestGenres(CleoraModel model, float[] query, int exclude) {
        var ids = CLUSTERS.items();
        return IntStream.range(0, ids.size()).boxed()
                .filter(i -> i != exclude && !ids.id(i).equals("unseen"))
                .sorted(Comparator.comparingDouble((Integer i) -> -VectorMath.dot(query, model.items().row(i))))
                .limit(10)
                .map(i -> TasteClusters.genreOf(ids.id(i)))
                .toList();
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
            long same = nearestGenres(model, user, -1).stream().filter(x -> x == g).count();
            assertTrue(same >= 9, "genre " + genre + ": " + same + " of 10");
        }
    }

    @Test
    void anItemNobodyChoseIsPlacedByItsCategory() {
        CleoraModel model = fit(2, 42);
        int unseen = CLUSTERS.items().indexOf("unseen");
        List<Integer> genres = nearestGenres(model, model.items().row(unseen), unseen);
        assertEquals(10, genres.stream().filter(g -> g == 2).count(), genres.toString());
    }

    @Test
    void withoutAttributeEdgesAnItemNobodyChoseHasNoPosition() {
        CleoraModel model = new Cleora(new Cleora.Params(32, 2, 0, 0, 42, 2)).fit(CLUSTERS.positiveMatrix(), CLUSTERS.itemAttributes());
        float[] unseen = model.items().row(CLUSTERS.items().indexOf("unseen"));
        assertEquals(0, VectorMath.dot(unseen, unseen));
    }
}
