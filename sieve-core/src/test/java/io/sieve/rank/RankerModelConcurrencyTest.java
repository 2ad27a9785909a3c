package io.sieve.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.bundle.rank.RankerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many requests rank and explain with one model at once. On a single shared booster, LightGBM
 * 4.3's concurrent SHAP contributions corrupt the native heap (glibc aborts with "malloc(): invalid
 * size", or a GC thread dies later), which kills this test's JVM. Every answer must also equal
 * the one-thread answer.
 */
class RankerModelConcurrencyTest {
    private static final int FEATURES = 12;
    private static final int THREADS = 2;
    private static final int ROUNDS = 10;
    private static final int CALLS = 1_000;
    private static String modelText;

    @BeforeAll
    static void trainModel() {
        // Trees deep enough that their depths, which SHAP recomputes on every call, differ.
        modelText = TestModels.binary(FEATURES, 31, 40);
        assertTrue(modelText.contains("num_leaves=31"), "the trees must be deep enough for their depths to differ");
    }

    @Test
    void concurrentPredictionsAndContributionsAgreeWithOneThread() throws Exception {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            names.add("f" + f);
        }
        float[] rows = new float[10 * FEATURES];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextDouble();
        }
        RankerModel reference = new RankerModel(names, "test", Map.of("click", modelText));
        double[] expectedScores = reference.predict("click", rows, 10);
        double[] expectedContributions = reference.contributions("click", rows, 10);
        assertEquals(10 * (FEATURES + 1), expectedContributions.length);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // A freshly loaded model each round: LightGBM computes the trees' depths on the first
            // SHAP call, so the first calls, arriving together as after a hot swap, race hardest.
            for (int round = 0; round < ROUNDS; round++) {
                RankerModel model = new RankerModel(names, "test", Map.of("click", modelText));
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        assertArrayEquals(expectedScores, model.predict("click", rows, 10));
                        for (int c = 0; c < CALLS; c++) {
                            assertArrayEquals(expectedContributions, model.contributions("click", rows, 10));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : calls) {
                    f.get();
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
