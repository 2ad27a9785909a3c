package io.sieve.ann;

import static io.sieve.ann.AnnFixtures.DIM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class ExactVectorIndexTest {
    private static final int COUNT = 3_000;
    private final float[] vectors = AnnFixtures.items(COUNT);
    private final ExactVectorIndex index = new ExactVectorIndex(vectors, COUNT, DIM);

    @Test
    void returnsTheSameItemsAndScoresAsSortingEveryItem() {
        for (int q = 0; q < 20; q++) {
            float[] query = AnnFixtures.query(q);
            List<Neighbour> expected = naive(query, 25, i -> true);
            List<Neighbour> actual = index.search(query, 25, i -> true);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).item(), actual.get(i).item());
                assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5);
            }
        }
    }

    @Test
    void aFilteredSearchFillsAllSlotsWithAcceptedItems() {
        IntPredicate accept = new RandomSubset(COUNT, 0.1, 5);
        List<Neighbour> found = index.search(AnnFixtures.query(0), 50, accept);
        assertEquals(50, found.size());
        assertTrue(found.stream().allMatch(n -> accept.test(n.item())));
        assertArrayEquals(AnnFixtures.items(naive(AnnFixtures.query(0), 50, accept)), AnnFixtures.items(found));
    }

    @Test
    void asksForMoreThanTheCatalogHoldsGetsTheCatalog() {
        assertEquals(COUNT, index.search(AnnFixtures.query(1), COUNT + 10, i -> true).size());
        assertEquals(List.of(), index.search(AnnFixtures.query(1), 0, i -> true));
    }

    @Test
    void anInterruptedSearchStopsAtOnce() {
        Thread.currentThread().interrupt();
        try {
            assertEquals(List.of(), index.search(AnnFixtures.query(2), 10, i -> true));
        } finally {
            Thread.interrupted();
        }
    }

    private List<Neighbour> naive(float[] query, int k, IntPredicate accept) {
        List<Neighbour> all = new ArrayList<>();
        for (int item = 0; item < COUNT; item++) {
            if (accept.test(item)) {
                double dot = 0;
                for (int i = 0; i < DIM; i++) {
                    dot += (double) query[i] * vectors[item * DIM + i];
                }
                all.add(new Neighbour(item, (float) dot));
            }
        }
        all.sort(Comparator.comparingDouble((Neighbour n) -> n.score()).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }
}
