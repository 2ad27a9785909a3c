package io.sieve.feature;

import io.sieve.funnel.Candidate;

/**
 * One ranking feature, defined once: its name, its value (the server computes it when scoring and
 * the training-set builder computes it, with the same code, for replayed requests) and the reason
 * it gives a person when it raised a shown item's score.
 *
 * @param categorical true for codes that LightGBM must treat as categories, not magnitudes
 */
public record Feature(String name, boolean categorical, Value value, Reason reason) {

    /** The feature's value for one candidate of one request; NaN when unknown. */
    @FunctionalInterface
    public interface Value {
        double of(RequestFeatures request, CandidateFeatures candidate);
    }

    /** What the feature says about a candidate it pushed up; null when it has no words (hour of day, say). */
    @FunctionalInterface
    public interface Reason {
        Reason NONE = (reasons, candidate) -> null;

        String of(Reasons reasons, Candidate candidate);
    }

    static Feature numeric(String name, Value value) {
        return new Feature(name, false, value, Reason.NONE);
    }

    static Feature numeric(String name, Value value, Reason reason) {
        return new Feature(name, false, value, reason);
    }

    static Feature category(String name, Value value) {
        return new Feature(name, true, value, Reason.NONE);
    }

    /** The reason of the source that proposed the candidate, if it did. */
    static Reason sourceReason(String source) {
        return (reasons, candidate) -> {
            var hit = candidate.hits().get(source);
            return hit == null ? null : hit.reason();
        };
    }
}
