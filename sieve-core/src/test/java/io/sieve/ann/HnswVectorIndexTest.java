package io.sieve.ann;

import static io.sieve.ann.AnnFixtures.DIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HnswVectorIndexTest {
    private static final int COUNT = 20_000;
    private static final int QUERIES = 500;
    private static final AnnParams PARAMS = AnnParams.defaults();
    private static ExactVectorIndex exact;
    private static HnswVectorIndex hnsw;

    @BeforeAll
    static void build() {
        float[] vectors = AnnFixtures.items(COUNT);
        exact = new ExactVectorIndex(vectors, COUNT, DIM);
        hnsw = HnswVectorIndex.build(vectors, COUNT, DIM, PARAMS, 2);
    }

    @Test
    void findsAtLeastNineOfTheTrueTopTen() {
        assertTrue(recallAt10(i -> true) >= 0.9);
    }

    /** 40% goes through jvector's filtered walk; 10% and 0.5% are below the crossover and are scanned. */
    @ParameterizedTest
    @ValueSource(doubles = {0.4, 0.1, 0.005})
    void aFilteredSearchReturnsNItemsThatAllPassTheFilter(double share) {
        IntPredicate accept = new RandomSubset(COUNT, share, 3);
        for (int q = 0; q < 20; q++) {
            List<Neighbour> found = hnsw.search(AnnFixtures.query(q), 50, accept);
            assertEquals(50, found.size());
            assertTrue(found.stream().allMatch(n -> accept.test(n.item())));
        }
        assertTrue(recallAt10(accept) >= 0.9);
    }

    @Test
    void scoresAreTheDotProductsBestFirst() {
        float[] query = AnnFixtures.query(7);
        List<Neighbour> found = hnsw.search(query, 10, i -> true);
        for (int i = 0; i < found.size(); i++) {
            assertEquals(VectorMath.dot(query, hnsw.vector(found.get(i).item())), found.get(i).score(), 1e-5);
            assertTrue(i == 0 || found.get(i - 1).score() >= found.get(i).score());
        }
    }

    @Test
    void oneThreadBuildsTheSameGraphEveryTime() {
        float[] vectors = AnnFixtures.items(3_000);
        AnnParams small = new AnnParams(0, 8, 40, 1.2f, 1.2f, 2);
        HnswVectorIndex first = HnswVectorIndex.build(vectors, 3_000, DIM, small, 1);
        HnswVectorIndex second = HnswVectorIndex.build(vectors, 3_000, DIM, small, 1);
        for (int q = 0; q < 50; q++) {
            assertEquals(first.search(AnnFixtures.query(q), 10, i -> true), second.search(AnnFixtures.query(q), 10, i -> true));
        }
    }

    @Test
    void manyVirtualThreadsSearchAtOnceAndGetWhatOneThreadGets() throws Exception {
        List<List<Neighbour>> sequential = new ArrayList<>();
        for (int q = 0; q < 200; q++) {
            sequential.add(hnsw.search(AnnFixtures.query(q), 10, i -> true));
        }
        List<Future<List<Neighbour>>> parallel = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int q = 0; q < 200; q++) {
                float[] query = AnnFixtures.query(q);
                parallel.add(executor.submit(() -> hnsw.search(query, 10, i -> true)));
            }
            for (int q = 0; q < 200; q++) {
                assertEquals(sequential.get(q), parallel.get(q).get());
            }
        }
    }

    @Test
    void anInterruptedSearchReturnsNothing() {
        Thread.currentThread().interrupt();
        try {
            assertEquals(List.of(), hnsw.search(AnnFixtures.query(0), 10, i -> true));
        } finally {
            Thread.interrupted();
        }
    }

    private static double recallAt10(IntPredicate accept) {
        int hits = 0;
        int expectedTotal = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = AnnFixtures.query(q);
            Set<Integer> truth = new HashSet<>();
            exact.search(query, 10, accept).forEach(n -> truth.add(n.item()));
            expectedTotal += truth.size();
            for (Neighbour n : hnsw.search(query, 10, accept)) {
                hits += truth.contains(n.item()) ? 1 : 0;
            }
        }
        return (double) hits / expectedTotal;
    }
}
