package io.sieve.train.rank;

import io.sieve.metrics.RankingMetrics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NDCG@10 of candidate lists, scored the way a served list is scored: candidates ordered by score
 * (ties in first-pass order, as the ranker breaks them), gains 2^grade - 1, and the ideal taken over every
 * item the user's held-out events touch, retrieved or not, so that a list missing relevant items
 * scores below 1 as the served list would.
 */
final class ListNdcg {
    static final int K = 10;

    private ListNdcg() {
    }

    /** The gain of a grade: 1 for binary relevance, 2^g - 1 for graded. */
    static double gain(double grade) {
        return Math.pow(2, grade) - 1;
    }

    /** DCG@10 of the best possible order of {@code grades}, the user's held-out grades. */
    static double ideal(int[] grades) {
        return RankingMetrics.dcg(Arrays.stream(grades).boxed().sorted(Comparator.reverseOrder())
                .mapToDouble(ListNdcg::gain).toArray(), K);
    }

    /**
     * Per list of {@code part}, NDCG@10 of the order {@code scores} give; NaN for a list whose user
     * has nothing relevant held out. Null scores mean the rows' own order, the blend's.
     */
    static double[] perList(TrainingRows.Part part, double[] scores, String objective) {
        float[] grades = part.labels().get(objective);
        double[] out = new double[part.groups().length];
        int from = 0;
        for (int g = 0; g < out.length; g++) {
            int size = part.groups()[g];
            double ideal = part.infos().get(g).idealDcg().get(objective);
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            if (scores != null) {
                int start = from;
                // Stable: candidates the model scores alike keep the first pass's order, as served.
                Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[start + i]));
            }
            double[] gains = new double[Math.min(K, size)];
            for (int r = 0; r < gains.length; r++) {
                gains[r] = gain(grades[from + order[r]]);
            }
            out[g] = ideal > 0 ? RankingMetrics.dcg(gains, K) / ideal : Double.NaN;
            from += size;
        }
        return out;
    }

    /** Mean over the lists {@code keep} selects that have something relevant. */
    static double mean(double[] values, List<Boolean> keep) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (keep.get(i) && !Double.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
