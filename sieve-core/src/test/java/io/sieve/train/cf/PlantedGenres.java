package io.sieve.train.cf;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.Factors;
import io.sieve.config.ConfigLoader;
import io.sieve.model.Item;
import io.sieve.pipeline.TasteClusters;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Interactions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The embedding models' test world: four planted genres of taste, plus one drama ("unseen",
 * category genre2) that nobody has chosen yet, known only by its category.
 */
final class PlantedGenres {
    static final Interactions WORLD = world();

    private PlantedGenres() {
    }

    private static Interactions world() {
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(4, 25, 40, 10, 11).fill(store);
        store.putItems(List.of(Item.of("unseen", "A new one", List.of("genre2"))));
        return Interactions.load(store, ConfigLoader.defaults().types(), Duration.ofDays(7));
    }

    /** Genres of the ten items whose vectors score highest against the query, the excluded item and the unseen one left out. */
    static List<Integer> nearestGenres(Factors items, float[] query, int exclude) {
        var ids = WORLD.items();
        return IntStream.range(0, ids.size()).boxed()
                .filter(i -> i != exclude && !ids.id(i).equals("unseen"))
                .sorted(Comparator.comparingDouble((Integer i) -> -VectorMath.dot(query, items.row(i))))
                .limit(10)
                .map(i -> TasteClusters.genreOf(ids.id(i)))
                .toList();
    }
}
