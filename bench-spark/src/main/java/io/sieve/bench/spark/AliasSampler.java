package io.sieve.bench.spark;

import java.util.SplittableRandom;

/**
 * Draws index i with probability weights[i] / sum(weights) in constant time (Vose's alias method),
 * so that the generator's tens of millions of draws cost two random numbers each.
 */
final class AliasSampler {
    private final double[] probability;
    private final int[] alias;

    AliasSampler(double[] weights) {
        int n = weights.length;
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // What is left is 1 up to rounding error.
        while (largeCount > 0) {
            probability[large[--largeCount]] = 1;
        }
        while (smallCount > 0) {
            probability[small[--smallCount]] = 1;
        }
    }

    int sample(SplittableRandom random) {
        int i = random.nextInt(probability.length);
        return random.nextDouble() < probability[i] ? i : alias[i];
    }
}
