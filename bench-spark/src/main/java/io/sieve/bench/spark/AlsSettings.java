package io.sieve.bench.spark;

import io.sieve.config.ConfidenceScale;
import io.sieve.bundle.cf.Confidence;
import io.sieve.train.cf.ImplicitAls;

/**
 * What both sides of the comparison are given: the same rank, iterations, regularisation, linear
 * confidence 1 + alpha·w, seed and number of cores.
 */
record AlsSettings(int factors, int iterations, double regularization, double alpha, long seed, int cores) {
    /** Sieve's default number of conjugate-gradient steps per row and half-iteration. */
    private static final int CG_STEPS = 3;

    ImplicitAls.Params sieveParams(int iterationCount) {
        return new ImplicitAls.Params(factors, iterationCount, regularization,
                new Confidence(ConfidenceScale.linear, alpha, 1), CG_STEPS, seed, cores);
    }
}
