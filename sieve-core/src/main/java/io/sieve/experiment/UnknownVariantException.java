package io.sieve.experiment;

/** A variant chosen by hand (a QA override) names an experiment or a variant that does not exist. */
public final class UnknownVariantException extends IllegalArgumentException {
    UnknownVariantException(String message) {
        super(message);
    }
}
