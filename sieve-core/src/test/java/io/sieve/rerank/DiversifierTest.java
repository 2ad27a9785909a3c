package io.sieve.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Six candidates in two tight clusters: the three most relevant are all in cluster A. Ranking by
 * relevance shows A, A, A; a diversifier must bring cluster B forward, and must not when told to
 * weigh relevance only.
 */
class DiversifierTest {
    private static final double[] RELEVANCE = {1.0, 0.95, 0.9, 0.6, 0.55, 0.5};
    private static final float[][] VECTORS = {
            {1, 0}, {0.99f, 0.14f}, {0.98f, 0.2f}, {0, 1}, {0.14f, 0.99f}, {0.2f, 0.98f}};

    static {
        for (float[] v : VECTORS) {
            float n = (float) Math.sqrt(io.sieve.ann.VectorMath.dot(v, v));
            v[0] /= n;
            v[1] /= n;
        }
    }

    @Test
    void mmrAlternatesClustersWhenSimilarityCounts() {
        int[] order = new MaximalMarginalRelevance(0.5).select(RELEVANCE, VECTORS, 4);
        assertEquals(0, order[0], "the most relevant item leads");
        assertEquals(3, order[1], "then the best of the other cluster");
        assertEquals(1, order[2], "a near-duplicate of the leader beats a near-duplicate of the second");
    }

    @Test
    void mmrWithLambdaOneIsTheRanking() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, new MaximalMarginalRelevance(1.0).select(RELEVANCE, VECTORS, 6));
    }

    @Test
    void dppPicksOnePerClusterBeforeRepeatingOne() {
        int[] order = new DeterminantalPointProcess(0.5).select(RELEVANCE, VECTORS, 2);
        assertEquals(0, order[0]);
        assertEquals(3, order[1]);
    }

    @Test
    void dppFavoursRelevanceAsThetaApproachesOne() {
        int[] order = new DeterminantalPointProcess(0.95).select(RELEVANCE, VECTORS, 3);
        assertArrayEquals(new int[] {0, 1, 2}, order);
    }

    @Test
    void dppStillReturnsAFullSlateWhenTheRestIsSpanned() {
        float[][] same = new float[4][];
        Arrays.fill(same, new float[] {1, 0});
        int[] order = new DeterminantalPointProcess(0.5).select(new double[] {0.9, 0.8, 0.7, 0.6}, same, 4);
        assertEquals(4, Arrays.stream(order).distinct().count());
        assertEquals(0, order[0]);
    }
}
