package io.sieve.feature;

/**
 * One ranking feature, defined once: the server computes it when scoring and the training-set
 * builder computes it, with the same code, for replayed requests.
 *
 * @param categorical true for codes that LightGBM must treat as categories, not magnitudes
 */
public record Feature(String name, Family family, boolean categorical, Value value) {

    /** Where a feature's information comes from (brief §3: user, item, user x item, context). */
    public enum Family { context, user, item, pair, source }

    /** The feature's value for one candidate of one request; NaN when unknown. */
    @FunctionalInterface
    public interface Value {
        double of(RequestFeatures request, CandidateFeatures candidate);
    }

    static Feature numeric(String name, Family family, Value value) {
        return new Feature(name, family, false, value);
    }
}
