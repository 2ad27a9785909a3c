package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.BprModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.bundle.cf.EaseModel;
import io.sieve.bundle.cf.Factors;
import io.sieve.config.ConfidenceScale;
import io.sieve.config.ConfigLoader;
import io.sieve.model.Event;
import io.sieve.pipeline.TasteClusters;
import io.sieve.store.InMemoryStore;
import io.sieve.train.Interactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CollaborativeModelsTest {
    private static final Interactions CLUSTERS = clusters();

    private static Interactions clusters() {
        InMemoryStore store = new InMemoryStore();
        new TasteClusters(4, 25, 40, 10, 11).fill(store);
        return Interactions.load(store, ConfigLoader.defaults().types(), java.time.Duration.ofDays(7));
    }

    private static ImplicitAls.Params als(int threads) {
        return new ImplicitAls.Params(16, 10, 1.0, new Confidence(ConfidenceScale.linear, 10, 1), 3, 7, threads);
    }

    /** Items of the genre given as history, scored by {@code score}; counts how many of the top 10 share it. */
    private static long sameGenreInTop10(int genre, java.util.function.IntToDoubleFunction score) {
        var ids = CLUSTERS.items();
        return IntStream.range(0, ids.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score.applyAsDouble(i)))
                .limit(10)
                .filter(i -> TasteClusters.genreOf(ids.id(i)) == genre)
                .count();
    }

    private static int[] history(int genre) {
        return new int[] {CLUSTERS.items().indexOf(TasteClusters.item(genre, 1)),
                CLUSTERS.items().indexOf(TasteClusters.item(genre, 4)), CLUSTERS.items().indexOf(TasteClusters.item(genre, 9))};
    }

    @Test
    void alsIsIdenticalWhateverTheThreadCountAndFoldsInANewUsersTaste() {
        InteractionMatrix m = CLUSTERS.positiveMatrix();
        AlsModel one = new ImplicitAls(als(1)).fit(m, (it, ns) -> { });
        AlsModel two = new ImplicitAls(als(2)).fit(m, (it, ns) -> { });
        assertArrayEquals(one.items().data(), two.items().data());
        for (int genre = 0; genre < 4; genre++) {
            float[] user = two.foldIn(history(genre), new float[] {1, 1, 1});
            Factors y = two.items();
            assertEquals(10, sameGenreInTop10(genre, i -> VectorDot.dot(user, y, i)), "genre " + genre);
        }
        assertEquals(null, two.foldIn(new int[] {-1}, new float[] {1}), "nothing known: no vector");
    }

    @Test
    void foldInMinimisesTheAlsObjectiveForThatUser() {
        InteractionMatrix m = CLUSTERS.positiveMatrix();
        var exact = new ImplicitAls.Params(8, 6, 1.0, new Confidence(ConfidenceScale.linear, 10, 1), 8, 7, 1);
        AlsModel model = new ImplicitAls(exact).fit(m, (it, ns) -> { });
        int row = 5;
        int[] items = java.util.Arrays.copyOfRange(m.cols(), m.rowStart()[row], m.rowStart()[row + 1]);
        float[] strengths = java.util.Arrays.copyOfRange(m.values(), m.rowStart()[row], m.rowStart()[row + 1]);
        float[] folded = model.foldIn(items, strengths);
        float[] again = model.foldIn(items, strengths);
        assertArrayEquals(folded, again);
        // The fold-in minimises the ALS objective: nudging the solution in any direction cannot lower it.
        double best = objective(model, items, strengths, folded);
        for (int d = 0; d < folded.length; d++) {
            float[] nudged = folded.clone();
            nudged[d] += 0.01f;
            assertTrue(objective(model, items, strengths, nudged) >= best - 1e-6);
        }
    }

    private static double objective(AlsModel model, int[] items, float[] strengths, float[] x) {
        Factors y = model.items();
        double loss = 0;
        java.util.Map<Integer, Float> observed = new java.util.HashMap<>();
        for (int n = 0; n < items.length; n++) {
            observed.put(items[n], strengths[n]);
        }
        for (int i = 0; i < y.rows(); i++) {
            double c = observed.containsKey(i) ? model.confidence().of(observed.get(i)) : 1;
            double p = observed.containsKey(i) ? 1 : 0;
            double e = p - VectorDot.dot(x, y, i);
            loss += c * e * e;
        }
        for (float v : x) {
            loss += model.regularization() * v * v;
        }
        return loss;
    }

    @Test
    void easeMatchesTheClosedFormOnATinyCaseAndRecommendsWithinTaste() {
        InMemoryStore tiny = new InMemoryStore();
        tiny.appendEvents(List.of(Event.of("u1", "a", "view", Instant.ofEpochSecond(1)),
                Event.of("u1", "b", "view", Instant.ofEpochSecond(2)), Event.of("u2", "a", "view", Instant.ofEpochSecond(3))));
        EaseModel small = new Ease(new Ease.Params(1, 10)).fit(Interactions.load(tiny, ConfigLoader.defaults().types(), java.time.Duration.ofDays(7)).positiveMatrix());
        // G + λI = [[3,1],[1,2]], P = [[2,-1],[-1,3]]/5, B = -P / diag(P) with a zero diagonal.
        int a = small.rowOf(0);
        int b = small.rowOf(1);
        assertEquals(0f, small.weights()[a * 2 + a]);
        assertEquals(1 / 3f, small.weights()[a * 2 + b], 1e-6);
        assertEquals(1 / 2f, small.weights()[b * 2 + a], 1e-6);

        EaseModel ease = new Ease(new Ease.Params(10, 1000)).fit(CLUSTERS.positiveMatrix());
        for (int genre = 0; genre < 4; genre++) {
            float[] scores = new float[ease.size()];
            for (int item : history(genre)) {
                ease.accumulate(ease.rowOf(item), 1, scores);
            }
            assertEquals(10, sameGenreInTop10(genre, i -> ease.rowOf(i) < 0 ? -1 : scores[ease.rowOf(i)]));
        }
    }

    @Test
    void easeKeepsOnlyTheMostPopularItemsWhenCapped() {
        EaseModel capped = new Ease(new Ease.Params(10, 20)).fit(CLUSTERS.positiveMatrix());
        assertEquals(20, capped.size());
        assertEquals(400, capped.weights().length);
        long unknown = IntStream.range(0, CLUSTERS.items().size()).filter(i -> capped.rowOf(i) < 0).count();
        assertEquals(CLUSTERS.items().size() - 20, unknown);
    }

    @Test
    void bprIsReproducibleAndLearnsTaste() {
        InteractionMatrix m = CLUSTERS.positiveMatrix();
        var params = new Bpr.Params(16, 30, 0.05, 0.01, 5);
        BprModel first = new Bpr(params).fit(m);
        BprModel second = new Bpr(params).fit(m);
        assertArrayEquals(first.items().data(), second.items().data());
        String user = TasteClusters.user(3, 0);
        float[] known = first.userVector(user, new int[0]);
        assertTrue(sameGenreInTop10(3, i -> VectorDot.dot(known, first.items(), i)) >= 8);
        float[] stranger = first.userVector("stranger", history(2));
        assertEquals(1f, stranger[stranger.length - 1], "the bias dimension is switched on");
        assertTrue(sameGenreInTop10(2, i -> VectorDot.dot(stranger, first.items(), i)) >= 8);
        List<String> ids = new ArrayList<>(first.userIds());
        assertEquals(m.rows(), ids.size());
    }

    /** Dot product of a query with one row of a factor matrix. */
    private static final class VectorDot {
        static double dot(float[] x, Factors y, int row) {
            return VectorMath.dot(x, 0, y.data(), y.offset(row), y.dim());
        }
    }
}
