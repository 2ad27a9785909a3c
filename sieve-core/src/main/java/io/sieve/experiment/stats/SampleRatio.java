package io.sieve.experiment.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The sample-ratio-mismatch check: are the units per variant what the weights promise? A
 * chi-squared goodness-of-fit test; a very small p-value means assignment or exposure logging is
 * broken (a variant that crashes before logging, a bot, a redirect), and then no lift computed from
 * these units can be trusted, however significant it looks.
 */
public final class SampleRatio {
    /** The threshold the engines use: mismatches this unlikely are not chance. */
    public static final double THRESHOLD = 0.001;

    private SampleRatio() {
    }

    /** @param weights the intended shares, in the order of {@code observed}; they need not sum to 1 */
    public static double pValue(long[] observed, double[] weights) {
        if (observed.length != weights.length || observed.length < 2) {
            throw new IllegalArgumentException("one weight per variant, at least two variants");
        }
        long total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            total += observed[i];
            weightSum += weights[i];
        }
        if (total == 0) {
            return 1;
        }
        double chi = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * weights[i] / weightSum;
            chi += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return ChiSquaredDistribution.of(observed.length - 1).survivalProbability(chi);
    }
}
