package io.sieve.experiment;

/**
 * What an experiment compares, per user: each metric is a numerator over a denominator, summed over
 * a variant's users (a per-user metric has denominator 1). Impressions are served lists; a click,
 * conversion or negative event counts toward a list when it carries the list's requestId.
 */
public enum Metric {
    /** Clicks per served list. */
    ctr(false),
    /** Conversions per served list. */
    conversion(false),
    /** Positive events per user after their first exposure, on any item. */
    engagement(false),
    /** Summed values of conversions per user after their first exposure. */
    value(false),
    /** Negative events (skip, hide, dislike, ...) per served list: a guardrail. */
    negativeRate(true);

    private final boolean lowerIsBetter;

    Metric(boolean lowerIsBetter) {
        this.lowerIsBetter = lowerIsBetter;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
