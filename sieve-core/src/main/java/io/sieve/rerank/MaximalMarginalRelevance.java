package io.sieve.rerank;

import io.sieve.ann.VectorMath;

/**
 * MMR (Carbonell and Goldstein, 1998): repeatedly takes the candidate with the best
 * lambda * relevance - (1 - lambda) * (its highest similarity to anything already chosen).
 * lambda = 1 keeps the ranking; lower values spread the slate.
 */
final class MaximalMarginalRelevance implements Diversifier {
    private final double lambda;

    MaximalMarginalRelevance(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public int[] select(double[] relevance, float[][] vectors, int k) {
        int n = relevance.length;
        k = Math.min(k, n);
        double[] maxSimilarity = new double[n];
        boolean[] taken = new boolean[n];
        int[] chosen = new int[k];
        for (int step = 0; step < k; step++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double value = lambda * relevance[i] - (1 - lambda) * maxSimilarity[i];
                if (!taken[i] && value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            taken[best] = true;
            chosen[step] = best;
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    maxSimilarity[i] = Math.max(maxSimilarity[i], VectorMath.dot(vectors[best], vectors[i]));
                }
            }
        }
        return chosen;
    }

    /** {@code mmr}. */
    public static final class Factory implements Diversifier.Factory {
        @Override
        public String name() {
            return "mmr";
        }

        @Override
        public Diversifier create(double lambda) {
            return new MaximalMarginalRelevance(lambda);
        }
    }
}
