package io.sieve.experiment.stats;

/** An estimate and its confidence interval. */
public record Interval(double value, double low, double high) {
    public static Interval around(double value, double halfWidth) {
        return new Interval(value, value - halfWidth, value + halfWidth);
    }

    public double width() {
        return high - low;
    }
}
