package io.sieve.experiment.stats;

/**
 * One variant's metric as totals per randomisation unit (a user): a numerator (clicks), a
 * denominator (impressions, or 1 for a per-user metric) and a covariate measured before the unit was
 * exposed (its earlier activity, for CUPED). The metric is the ratio of the sums; because units, not
 * impressions, were randomised, its variance comes from the delta method over units (Deng et al.,
 * "Applying the Delta Method in Metric Analytics", 2018), which a per-user metric reduces to the
 * plain variance of the mean.
 */
public final class MetricSample {
    private final double[] numerator;
    private final double[] denominator;
    private final double[] covariate;

    /** All three arrays hold one value per unit, in the same order. */
    public MetricSample(double[] numerator, double[] denominator, double[] covariate) {
        if (numerator.length != denominator.length || numerator.length != covariate.length) {
            throw new IllegalArgumentException("one numerator, denominator and covariate per unit");
        }
        this.numerator = numerator.clone();
        this.denominator = denominator.clone();
        this.covariate = covariate.clone();
    }

    public int units() {
        return numerator.length;
    }

    public double numeratorSum() {
        return sum(numerator);
    }

    public double denominatorSum() {
        return sum(denominator);
    }

    /** The metric: sum of numerators over sum of denominators; 0 with no denominator. */
    public double value() {
        double den = denominatorSum();
        return den == 0 ? 0 : numeratorSum() / den;
    }

    /**
     * Each unit's first-order contribution to the ratio, {@code (num - value * den) / mean(den)}:
     * its sample variance over the number of units is the delta-method variance of the ratio.
     */
    double[] linearized() {
        int n = units();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double meanDen = denominatorSum() / n;
        double r = value();
        for (int i = 0; i < n; i++) {
            out[i] = meanDen == 0 ? 0 : (numerator[i] - r * denominator[i]) / meanDen;
        }
        return out;
    }

    double[] covariate() {
        return covariate.clone();
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    static double mean(double[] values) {
        return values.length == 0 ? 0 : sum(values) / values.length;
    }
}
