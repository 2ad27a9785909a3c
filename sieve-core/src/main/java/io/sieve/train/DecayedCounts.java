package io.sieve.train;

import java.util.Arrays;

/**
 * Per item, weights decayed exponentially with time, kept while the log streams past: each item's
 * sum is held as of its own latest event and brought forward when the next one arrives, so the
 * events need not be kept until the newest one is known, and no factor over- or underflows.
 */
final class DecayedCounts {
    private final double halfLifeMillis;
    private double[] sums = new double[1024];
    private long[] asOf = new long[1024];

    DecayedCounts(long halfLifeMillis) {
        if (halfLifeMillis <= 0) {
            throw new IllegalArgumentException("half-life must be positive: " + halfLifeMillis + " ms");
        }
        this.halfLifeMillis = halfLifeMillis;
    }

    void add(int item, double weight, long millis) {
        if (item >= sums.length) {
            int grown = Math.max(item + 1, sums.length * 2);
            sums = Arrays.copyOf(sums, grown);
            asOf = Arrays.copyOf(asOf, grown);
        }
        if (sums[item] == 0) {
            sums[item] = weight;
            asOf[item] = millis;
        } else if (millis >= asOf[item]) {
            sums[item] = sums[item] * decay(millis - asOf[item]) + weight;
            asOf[item] = millis;
        } else {
            sums[item] += weight * decay(asOf[item] - millis);
        }
    }

    /** The sums of items {@code 0 .. count-1} decayed to {@code millis}. */
    double[] asOf(long millis, int count) {
        double[] out = new double[count];
        for (int i = 0; i < Math.min(count, sums.length); i++) {
            out[i] = sums[i] == 0 ? 0 : sums[i] * decay(millis - asOf[i]);
        }
        return out;
    }

    private double decay(long millis) {
        return Math.pow(0.5, millis / halfLifeMillis);
    }
}
