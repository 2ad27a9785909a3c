package io.sieve.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;


import io.sieve.metrics.RankingMetrics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private final List<String> ranked = List.of("a", "x", "b", "y", "z");
    private final Set<String> relevant = Set.of("a", "b", "c");

    @Test
    void valuesMatchHandComputation() {
        assertEquals(2 / 5.0, RankingMetrics.precision(ranked, relevant, 5), 1e-12);
        assertEquals(2 / 3.0, RankingMetrics.recall(ranked, relevant, 5), 1e-12);
        assertEquals(1.0, RankingMetrics.hitRate(ranked, relevant, 5), 1e-12);
        assertEquals(1.0, RankingMetrics.reciprocalRank(ranked, relevant, 5), 1e-12);
        double dcg = 1 / log2(2) + 1 / log2(4);
        double idcg = 1 / log2(2) + 1 / log2(3) + 1 / log2(4);
        assertEquals(dcg / idcg, RankingMetrics.ndcg(ranked, relevant, 5), 1e-12);
        assertEquals((1.0 + 2 / 3.0) / 3, RankingMetrics.averagePrecision(ranked, relevant, 5), 1e-12);
    }

    @Test
    void cutOffsAndEmptyCasesBehave() {
        assertEquals(0.5, RankingMetrics.precision(ranked, relevant, 2), 1e-12);
        assertEquals(1.0, RankingMetrics.ndcg(List.of("a"), Set.of("a"), 10), 1e-12);
        assertEquals(0.0, RankingMetrics.reciprocalRank(List.of("x"), relevant, 10), 1e-12);
        assertEquals(0.0, RankingMetrics.recall(ranked, Set.of(), 5), 1e-12);
        assertEquals(0.5, RankingMetrics.reciprocalRank(List.of("x", "c"), relevant, 10), 1e-12);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
