package io.sieve.experiment.stats;

import io.sieve.config.Correction;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Adjusted p-values for many comparisons at once (every metric of every variant against the
 * control): Holm's step-down method keeps the chance of any false positive under alpha;
 * Benjamini–Hochberg keeps the expected share of false positives among the significant under alpha,
 * and so finds more. A comparison is significant when its adjusted p-value is below alpha.
 */
public final class MultipleTesting {
    private MultipleTesting() {
    }

    public static double[] adjust(double[] p, Correction correction) {
        return switch (correction) {
            case none -> p.clone();
            case holm -> holm(p);
            case bh -> benjaminiHochberg(p);
        };
    }

    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = ascending(p);
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = ascending(p);
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, Math.min(1, p[i] * m / (rank + 1)));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static Integer[] ascending(double[] p) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
