package io.sieve.rerank;

import io.sieve.ann.VectorMath;

/**
 * Greedy MAP inference of a DPP (Chen, Zhang and Zhou, NeurIPS 2018, Algorithm 1): the kernel is
 * L = diag(q) S diag(q) with S the similarity Gram matrix and quality q = exp(alpha * relevance),
 * alpha = theta / (2 (1 - theta)) (the paper's relevance/diversity trade-off). Each step adds the
 * item with the largest marginal gain in log det, kept up to date by an incremental Cholesky
 * factor, so choosing k of n costs O(n k^2).
 */
final class DeterminantalPointProcess implements Diversifier {
    /** Below this marginal gain the remaining items are (numerically) spanned by the chosen ones. */
    private static final double EPSILON = 1e-10;

    private final double theta;

    DeterminantalPointProcess(double theta) {
        this.theta = theta;
    }

    @Override
    public int[] select(double[] relevance, float[][] vectors, int k) {
        int n = relevance.length;
        k = Math.min(k, n);
        double alpha = theta / (2 * (1 - theta));
        double[] quality = new double[n];
        double[] gain = new double[n];
        for (int i = 0; i < n; i++) {
            quality[i] = Math.exp(alpha * relevance[i]);
            // L_ii = q_i^2 * (S_ii = 1) plus a small ridge, so that duplicates stay comparable.
            gain[i] = quality[i] * quality[i] * (1 + 1e-6);
        }
        double[][] c = new double[k][n];
        boolean[] taken = new boolean[n];
        int[] chosen = new int[k];
        int count = 0;
        while (count < k) {
            int j = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (j < 0 || gain[i] > gain[j])) {
                    j = i;
                }
            }
            if (gain[j] < EPSILON) {
                break;
            }
            taken[j] = true;
            chosen[count] = j;
            double dj = Math.sqrt(gain[j]);
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double lji = quality[j] * quality[i] * VectorMath.dot(vectors[j], vectors[i]);
                double dot = 0;
                for (int t = 0; t < count; t++) {
                    dot += c[t][j] * c[t][i];
                }
                double e = (lji - dot) / dj;
                c[count][i] = e;
                gain[i] -= e * e;
            }
            count++;
        }
        // The DPP stops once the rest is spanned; fill by relevance, as a slate must have k items.
        int filled = count;
        while (filled < k) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || relevance[i] > relevance[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            chosen[filled++] = best;
        }
        return chosen;
    }

    /** {@code dpp}: lambda is theta. */
    public static final class Factory implements Diversifier.Factory {
        @Override
        public String name() {
            return "dpp";
        }

        @Override
        public Diversifier create(double lambda) {
            return new DeterminantalPointProcess(lambda);
        }
    }
}
