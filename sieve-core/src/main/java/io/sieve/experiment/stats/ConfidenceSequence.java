package io.sieve.experiment.stats;

/**
 * Always-valid confidence intervals: the asymptotic confidence sequence of Howard, Ramdas,
 * McAuliffe and Sekhon ("Time-uniform, nonparametric, nonasymptotic confidence sequences", 2021,
 * the normal-mixture boundary), the form Eppo and Statsig use for sequential testing. With
 * probability 1 - alpha the interval covers the truth at every look at once, so reading the results
 * every day does not inflate the false-positive rate the way repeated fixed-horizon tests do.
 *
 * <p>For an estimate with standard error {@code se} after {@code n} units the half-width is
 * {@code se * sqrt(2 (n rho^2 + 1) / (n rho^2) * ln(sqrt(n rho^2 + 1) / alpha))}; {@code rho} sets
 * the sample size at which the sequence is tightest ({@link #rho}).
 */
public final class ConfidenceSequence {
    private ConfidenceSequence() {
    }

    /** The mixture parameter that makes the interval tightest at {@code tuningUnits} units. */
    static double rho(double alpha, long tuningUnits) {
        double l = -2 * Math.log(alpha);
        return Math.sqrt((l + Math.log(l + 1)) / tuningUnits);
    }

    public static double halfWidth(double stdError, long units, double alpha, long tuningUnits) {
        return halfWidth(stdError, units, alpha, rho(alpha, tuningUnits));
    }

    private static double halfWidth(double stdError, long units, double alpha, double rho) {
        if (units <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double r2 = rho * rho * units;
        return stdError * Math.sqrt(2 * (r2 + 1) / r2 * Math.log(Math.sqrt(r2 + 1) / alpha));
    }

    /**
     * The always-valid p-value: the smallest level whose sequence (tuned as for {@code alpha})
     * excludes zero, found by bisection, since the half-width shrinks as the level grows.
     */
    public static double pValue(double estimate, double stdError, long units, double alpha, long tuningUnits) {
        if (stdError == 0) {
            return estimate == 0 ? 1 : 0;
        }
        double rho = rho(alpha, tuningUnits);
        if (halfWidth(stdError, units, 1, rho) >= Math.abs(estimate)) {
            return 1;
        }
        double low = 1e-15;
        double high = 1;
        for (int i = 0; i < 80; i++) {
            double mid = Math.sqrt(low * high);
            if (halfWidth(stdError, units, mid, rho) < Math.abs(estimate)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }
}
