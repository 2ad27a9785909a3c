package io.sieve.metrics;

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
        double[] gains = new double[Math.min(k, ranked.size())];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = relevant.contains(ranked.get(i)) ? 1 : 0;
        }
        double[] ideal = new double[Math.min(k, relevant.size())];
        java.util.Arrays.fill(ideal, 1);
        double best = dcg(ideal, k);
        return best == 0 ? 0 : dcg(gains, k) / best;
    }

    /**
     * Discounted cumulative gain of the first {@code k} gains, in ranked order: gain / log2(rank + 1).
     * Binary relevance has gains 0 and 1; graded relevance g has gain 2^g - 1, as LightGBM counts it.
     */
    public static double dcg(double[] gains, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, gains.length); i++) {
            dcg += gains[i] / log2(i + 2);
        }
        return dcg;
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

    /**
     * Area under the ROC curve of {@code scores[from, to)} against {@code labels > 0}: the chance
     * that a relevant row outscores an irrelevant one, ties counting half. NaN without both kinds.
     */
    public static double auc(double[] scores, float[] labels, int from, int to) {
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] > 0) {
                    rankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = order.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
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
