package io.sieve.bench.spark;

import io.sieve.train.cf.ImplicitAls;
import io.sieve.train.cf.InteractionMatrix;
import java.util.Arrays;

/** Sieve's ALS timed by its own per-iteration listener. */
final class SieveAlsTiming {
    private SieveAlsTiming() {
    }

    /** The median iteration of a full run, after a one-iteration run that lets the JIT compile the solver. */
    static double medianSecondsPerIteration(InteractionMatrix matrix, AlsSettings settings) {
        new ImplicitAls(settings.sieveParams(1)).fit(matrix, (iteration, nanos) -> { });
        long[] nanos = new long[settings.iterations()];
        new ImplicitAls(settings.sieveParams(settings.iterations())).fit(matrix, (iteration, n) -> {
            nanos[iteration] = n;
            System.err.printf("Sieve iteration %d: %.3f s%n", iteration + 1, n / 1e9);
        });
        Arrays.sort(nanos);
        int mid = nanos.length / 2;
        double median = nanos.length % 2 == 1 ? nanos[mid] : (nanos[mid - 1] + nanos[mid]) / 2.0;
        return median / 1e9;
    }
}
