package io.sieve.experiment;

import java.time.Instant;

/** What one exposed user did in one experiment, accumulated from the impression and event logs. */
final class UserTotals {
    final String variant;
    Instant firstExposure;
    long impressions;
    long clicks;
    long conversions;
    long negatives;
    long engagement;
    double value;
    /** Positive events in the window before the first exposure: CUPED's covariate. */
    long before;

    UserTotals(String variant, Instant firstExposure) {
        this.variant = variant;
        this.firstExposure = firstExposure;
    }

    double numerator(Metric metric) {
        return switch (metric) {
            case ctr -> clicks;
            case conversion -> conversions;
            case engagement -> engagement;
            case value -> value;
            case negativeRate -> negatives;
        };
    }

    double denominator(Metric metric) {
        return switch (metric) {
            case ctr, conversion, negativeRate -> impressions;
            case engagement, value -> 1;
        };
    }
}
