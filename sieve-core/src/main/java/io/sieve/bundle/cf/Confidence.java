package io.sieve.bundle.cf;

import io.sieve.config.ConfidenceScale;

/**
 * How an interaction strength w becomes the confidence c of implicit ALS (Hu, Koren, Volinsky):
 * {@code linear}: c = 1 + alpha w; {@code log}: c = 1 + alpha log(1 + w / epsilon), which keeps
 * heavy repeat behaviour (a song played 500 times) from swamping everything else.
 */
public record Confidence(ConfidenceScale scale, double alpha, double epsilon) {
    public double of(double strength) {
        return scale == ConfidenceScale.linear ? 1 + alpha * strength : 1 + alpha * Math.log1p(strength / epsilon);
    }
}
