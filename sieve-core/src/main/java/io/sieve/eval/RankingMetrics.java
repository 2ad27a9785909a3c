package io.sieve.eval;

import java.util.List;
import java.util.Set;

/**
 * Per-list accuracy metrics with binary relevance, as defined in Microsoft Recommenders:
 * precision = hits/K, recall = hits/|relevant|, NDCG with ideal DCG over min(|relevant|, K),
 * AP@K = sum of precision at each hit / min(|relevant|, K), reciprocal rank of the first hit.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    public static double precision(List<String> ranked, Set<String> relevant, int k) {
        return hits(ranked, relevant, k) / (double) k;
    }

    public static double recall(List<String> ranked, Set<String> relevant, int k) {
        return relevant.isEmpty() ? 0 : hits(ranked, relevant, k) / (double) relevant.size();
    }

    public static double hitRate(List<String> ranked, Set<String> relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double averagePrecision(List<String> ranked, Set<String> relevant, int k) {
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                hits++;
                sum += hits / (double) (i + 1);
            }
        }
        int denominator = Math.min(k, relevant.size());
        return denominator == 0 ? 0 : sum / denominator;
    }

    public static double reciprocalRank(List<String> ranked, Set<String> relevant, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    static int hits(List<String> ranked, Set<String> relevant, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                hits++;
            }
        }
        return hits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
