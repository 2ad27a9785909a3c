package io.sieve.rank;

import java.util.Arrays;
import java.util.Map;

/**
 * How the learned ranker combines its objectives' models for one request: each model's scores are
 * standardised within the request (the objectives' raw scales are unrelated) and summed by weight.
 * Serving and the trainer's validation both use it, so validation scores the order that is served.
 */
public final class ObjectiveMix {
    private ObjectiveMix() {
    }

    /**
     * @param scores  per objective, one score per candidate of the request
     * @param weights per objective, its weight
     */
    public static double[] combine(Map<String, double[]> scores, Map<String, Double> weights) {
        double[] total = null;
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            double[] z = standardised(e.getValue());
            if (total == null) {
                total = new double[z.length];
            }
            double w = weights.get(e.getKey());
            for (int i = 0; i < z.length; i++) {
                total[i] += w * z[i];
            }
        }
        return total == null ? new double[0] : total;
    }

    private static double[] standardised(double[] scores) {
        double mean = Arrays.stream(scores).average().orElse(0);
        double var = Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).average().orElse(0);
        double sd = var > 0 ? Math.sqrt(var) : 1;
        return Arrays.stream(scores).map(s -> (s - mean) / sd).toArray();
    }
}
