package io.sieve.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.Correction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The statistics against values worked out by hand or by R, and the properties each method promises. */
class ExperimentStatisticsTest {
    private static final LiftTest.Settings FIXED = new LiftTest.Settings(0.05, false, 1_000);

    private static MetricSample perUser(double... values) {
        double[] ones = new double[values.length];
        java.util.Arrays.fill(ones, 1);
        return new MetricSample(values, ones, new double[values.length]);
    }

    @Test
    void welchMatchesSciPy() {
        // scipy.stats.ttest_ind(a, b, equal_var=False): t = 4.4547, df = 10.772, p = 0.0010220,
        // confidence_interval() = (0.51785, 1.53453)
        var r = LiftTest.compare(perUser(5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3), perUser(4.2, 4.8, 4.4, 5.0, 4.6, 4.1), FIXED);
        assertEquals(10.772082, r.degreesOfFreedom(), 1e-5);
        assertEquals(0.0010220, r.pValue(), 1e-6);
        assertEquals(0.51785, r.absolute().low(), 1e-4);
        assertEquals(1.53453, r.absolute().high(), 1e-4);
    }

    @Test
    void deltaMethodOfARatioIsTheLinearisedVariance() {
        // Clicks over impressions per user: the delta-method variance of sum(x)/sum(y) over units is
        // var(x - r y) / (n mean(y)^2); with equal denominators it is the variance of per-user CTR.
        double[] clicks = {1, 0, 2, 1, 3, 0, 1, 2};
        double[] impressions = {4, 4, 4, 4, 4, 4, 4, 4};
        var ratio = new MetricSample(clicks, impressions, new double[8]);
        double[] ctr = new double[8];
        for (int i = 0; i < 8; i++) {
            ctr[i] = clicks[i] / impressions[i];
        }
        var mean = perUser(ctr);
        assertEquals(mean.value(), ratio.value(), 1e-12);
        assertEquals(LiftTest.variance(mean.linearized()), LiftTest.variance(ratio.linearized()), 1e-12);
    }

    @Test
    void cupedRemovesTheVarianceTheCovariateExplainsAndKeepsTheLift() {
        Random random = new Random(7);
        int n = 4_000;
        double[][] y = new double[2][n];
        double[][] x = new double[2][n];
        for (int arm = 0; arm < 2; arm++) {
            for (int i = 0; i < n; i++) {
                double activity = random.nextGaussian() * 3 + 10;
                x[arm][i] = activity + random.nextGaussian();
                y[arm][i] = activity + random.nextGaussian() + (arm == 1 ? 0.3 : 0);
            }
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        var t = new MetricSample(y[1], ones, x[1]);
        var c = new MetricSample(y[0], ones, x[0]);
        var plain = LiftTest.compare(t, c, FIXED);
        var cuped = LiftTest.compare(t, c, new LiftTest.Settings(0.05, true, 1_000));
        // var(y) = 9 + 1, the residual after regressing on x about 1 + 9/10: CUPED removes ~80%.
        assertTrue(cuped.varianceReduction() > 0.7, "reduction " + cuped.varianceReduction());
        assertTrue(cuped.absolute().width() < 0.5 * plain.absolute().width());
        assertTrue(cuped.absolute().low() < 0.3 && cuped.absolute().high() > 0.3, cuped.absolute().toString());
    }

    @Test
    void alwaysValidIntervalsAreWiderThanFixedOnesAndTheirPValuesLarger() {
        var t = perUser(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        var c = perUser(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9);
        var r = LiftTest.compare(t, c, FIXED);
        assertTrue(r.sequential().width() > r.absolute().width());
        assertTrue(r.sequentialP() >= r.pValue());
        // The always-valid p-value is below alpha exactly when the sequence at alpha excludes zero.
        double se = 0.8;
        double half = ConfidenceSequence.halfWidth(se, 500, 0.05, 1_000);
        assertTrue(ConfidenceSequence.pValue(half * 1.01, se, 500, 0.05, 1_000) < 0.05);
        assertTrue(ConfidenceSequence.pValue(half * 0.99, se, 500, 0.05, 1_000) > 0.05);
    }

    @Test
    void sampleRatioMismatch() {
        // chi-squared: (550-500)^2/500 * 2 = 10 with 1 df: p = 0.001565
        assertEquals(0.001565, SampleRatio.pValue(new long[] {550, 450}, new double[] {0.5, 0.5}), 1e-5);
        assertTrue(SampleRatio.pValue(new long[] {5_500, 4_500}, new double[] {0.5, 0.5}) < SampleRatio.THRESHOLD);
        assertTrue(SampleRatio.pValue(new long[] {5_040, 4_960}, new double[] {0.5, 0.5}) > 0.4);
    }

    @Test
    void holmAndBenjaminiHochbergMatchR() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // Holm: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04, kept monotone: 0.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, MultipleTesting.adjust(p, Correction.holm), 1e-12);
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005]) = 0.02 0.04 0.04 0.02
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, MultipleTesting.adjust(p, Correction.bh), 1e-12);
        assertArrayEquals(p, MultipleTesting.adjust(p, Correction.none), 0);
    }

    @Test
    void powerOfATwoProportionTest() {
        // (1.95996 + 0.84162)^2 (0.05 * 0.95 + 0.0525 * 0.9475) / 0.0025^2 = 122,100 per variant
        var plan = PowerAnalysis.plan(0.05, 0.05, 0.05, 0.8, 2, 20_000);
        assertEquals(122_100, plan.unitsPerVariant(), 150);
        assertEquals(2 * plan.unitsPerVariant(), plan.totalUnits());
        assertEquals((plan.totalUnits() + 19_999) / 20_000, plan.days());
    }
}
