package io.sieve.experiment.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A treatment's metric against the control's: the absolute and relative lift with confidence
 * intervals and a two-sided p-value, from Welch's t over the delta-method variances (units, not
 * impressions, are the independent draws). With CUPED (Deng, Xu, Kohavi and Walker, 2013) each
 * unit's contribution is first adjusted by its pre-exposure covariate with one coefficient pooled
 * over both variants, which removes the part of the variance that the covariate explains and leaves
 * the expected lift unchanged, since assignment is independent of what happened before exposure.
 * The sequential interval and p-value are always valid ({@link ConfidenceSequence}).
 */
public final class LiftTest {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /**
     * @param alpha       the two-sided level (0.05: 95% intervals)
     * @param cuped       adjust by the covariate
     * @param tuningUnits units at which the sequential interval is tightest
     */
    public record Settings(double alpha, boolean cuped, long tuningUnits) {
    }

    /**
     * @param control         the control's metric (after CUPED, adjusted)
     * @param treatment       the treatment's metric (after CUPED, adjusted)
     * @param absolute        treatment minus control, with the fixed-horizon interval
     * @param relative        the absolute lift over the control's value, with its interval; null when the control's value is 0
     * @param sequential      the absolute lift with the always-valid interval
     * @param pValue          Welch's two-sided p-value (fixed horizon)
     * @param sequentialP     the always-valid p-value
     * @param varianceReduction the share of the lift's variance CUPED removed (0 without CUPED)
     */
    public record Result(Interval control, Interval treatment, Interval absolute, Interval relative, Interval sequential,
                         double pValue, double sequentialP, double degreesOfFreedom, double varianceReduction) {
    }

    private LiftTest() {
    }

    public static Result compare(MetricSample treatment, MetricSample control, Settings settings) {
        double[] lt = treatment.linearized();
        double[] lc = control.linearized();
        double valueT = treatment.value();
        double valueC = control.value();
        double rawVariance = variance(lt) / Math.max(1, lt.length) + variance(lc) / Math.max(1, lc.length);
        if (settings.cuped()) {
            double[] xt = treatment.covariate();
            double[] xc = control.covariate();
            double theta = pooledSlope(lt, xt, lc, xc);
            double pooledMean = (MetricSample.sum(xt) + MetricSample.sum(xc)) / Math.max(1, xt.length + xc.length);
            valueT -= theta * (MetricSample.mean(xt) - pooledMean);
            valueC -= theta * (MetricSample.mean(xc) - pooledMean);
            lt = adjusted(lt, xt, theta);
            lc = adjusted(lc, xc, theta);
        }
        int nt = lt.length;
        int nc = lc.length;
        double vt = variance(lt) / Math.max(1, nt);
        double vc = variance(lc) / Math.max(1, nc);
        double se = Math.sqrt(vt + vc);
        double df = welchDegrees(vt, nt, vc, nc);
        double t = quantile(1 - settings.alpha() / 2, df);
        double diff = valueT - valueC;
        double p = se == 0 ? (diff == 0 ? 1 : 0) : 2 * tail(Math.abs(diff) / se, df);
        double relative = valueC == 0 ? 0 : diff / valueC;
        // Delta method for a ratio of independent estimates: var(T/C) ~ vt/C^2 + T^2 vc/C^4.
        double relativeSe = valueC == 0 ? 0 : Math.sqrt(vt / (valueC * valueC) + valueT * valueT * vc / Math.pow(valueC, 4));
        long units = (long) nt + nc;
        double variance = vt + vc;
        return new Result(Interval.around(valueC, t * Math.sqrt(vc)), Interval.around(valueT, t * Math.sqrt(vt)),
                Interval.around(diff, t * se), valueC == 0 ? null : Interval.around(relative, t * relativeSe),
                Interval.around(diff, ConfidenceSequence.halfWidth(se, units, settings.alpha(), settings.tuningUnits())),
                p, ConfidenceSequence.pValue(diff, se, units, settings.alpha(), settings.tuningUnits()), df,
                rawVariance == 0 ? 0 : 1 - variance / rawVariance);
    }

    /** One variant's metric with its fixed-horizon interval (delta method over units, t quantile). */
    public static Interval interval(MetricSample sample, double alpha) {
        double[] l = sample.linearized();
        double v = variance(l) / Math.max(1, l.length);
        return Interval.around(sample.value(), quantile(1 - alpha / 2, Math.max(1, l.length - 1)) * Math.sqrt(v));
    }

    /** The covariate's coefficient over both variants, each centred on its own means. */
    private static double pooledSlope(double[] yt, double[] xt, double[] yc, double[] xc) {
        double cov = covariance(yt, xt) * (yt.length - 1) + covariance(yc, xc) * (yc.length - 1);
        double var = variance(xt) * (xt.length - 1) + variance(xc) * (xc.length - 1);
        return var <= 0 ? 0 : cov / var;
    }

    private static double[] adjusted(double[] y, double[] x, double theta) {
        double meanX = MetricSample.mean(x);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] - theta * (x[i] - meanX);
        }
        return out;
    }

    static double variance(double[] values) {
        return covariance(values, values);
    }

    /** The sample covariance (n - 1 in the denominator); 0 below two units. */
    static double covariance(double[] a, double[] b) {
        int n = a.length;
        if (n < 2) {
            return 0;
        }
        double ma = MetricSample.mean(a);
        double mb = MetricSample.mean(b);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (n - 1);
    }

    /** Welch–Satterthwaite degrees of freedom; with no variance the normal limit. */
    static double welchDegrees(double vt, int nt, double vc, int nc) {
        double denominator = (nt > 1 ? vt * vt / (nt - 1) : 0) + (nc > 1 ? vc * vc / (nc - 1) : 0);
        return denominator == 0 ? Double.POSITIVE_INFINITY : (vt + vc) * (vt + vc) / denominator;
    }

    private static double quantile(double p, double df) {
        return Double.isInfinite(df) || df > 1e7
                ? STANDARD_NORMAL.inverseCumulativeProbability(p)
                : TDistribution.of(Math.max(df, 1)).inverseCumulativeProbability(p);
    }

    private static double tail(double x, double df) {
        return Double.isInfinite(df) || df > 1e7
                ? STANDARD_NORMAL.survivalProbability(x)
                : TDistribution.of(Math.max(df, 1)).survivalProbability(x);
    }
}
