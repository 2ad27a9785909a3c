package io.sieve.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.RolloutConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the canary's verdict, on results written by hand. */
class CanaryJudgeTest {
    private static final RolloutConfig.Canary SETTINGS = new RolloutConfig.Canary(0.1, "canary", 1_000, Duration.ofHours(24), 0.05,
            List.of("ctr", "negativeRate"), 1.5, 25, 0.05, 60);

    private static ExperimentResults results(long canaryLists, double p99, double fallbacks, double liftLow, double liftHigh,
                                             boolean significant) {
        var estimate = new ExperimentResults.Estimate(0.5, new double[] {0.45, 0.55});
        var stable = new ExperimentResults.VariantSummary(1_000, 9_000, 4_500, 0, estimate, estimate, estimate, estimate,
                new ExperimentResults.Guardrails(40, 0.01, 0.01, 0.1, 0.5));
        var canary = new ExperimentResults.VariantSummary(100, canaryLists, canaryLists / 2, 0, estimate, estimate, estimate, estimate,
                new ExperimentResults.Guardrails(p99, fallbacks, 0.01, 0.1, 0.5));
        Map<String, ExperimentResults.VariantSummary> variants = new LinkedHashMap<>();
        variants.put(Canary.STABLE, stable);
        variants.put(Canary.CANARY, canary);
        double mid = (liftLow + liftHigh) / 2;
        var ctr = new ExperimentResults.Comparison(Canary.CANARY, Canary.STABLE, Metric.ctr, new ExperimentResults.Estimate(mid,
                new double[] {liftLow, liftHigh}), null, new double[] {liftLow, liftHigh}, 0.5, significant ? 0.001 : 0.5,
                significant ? 0.002 : 0.5, significant, significant && mid > 0, 0);
        return new ExperimentResults("rollout-v", "rollout", Canary.STABLE, true, variants, List.of(ctr), null, null, null);
    }

    private static CanaryJudge.Decision decide(ExperimentResults r, Duration running) {
        return CanaryJudge.judge(r, SETTINGS, running).decision();
    }

    @Test
    void eachRule() {
        Duration early = Duration.ofMinutes(5);
        // Significantly worse click rate: back at once, whatever the sample.
        assertEquals(CanaryJudge.Decision.rollback, decide(results(50, 40, 0.01, -0.2, -0.1, true), early));
        // Slower beyond both the ratio and the slack: back.
        assertEquals(CanaryJudge.Decision.rollback, decide(results(200, 70, 0.01, -0.01, 0.01, false), early));
        // Slower within the slack (40 + 25 ms): not a reason.
        assertEquals(CanaryJudge.Decision.wait, decide(results(200, 60, 0.01, -0.01, 0.01, false), early));
        // Falling back more often: back.
        assertEquals(CanaryJudge.Decision.rollback, decide(results(200, 40, 0.2, -0.01, 0.01, false), early));
        // Enough lists, and the interval rules out a loss beyond 5% of 0.5: promoted.
        assertEquals(CanaryJudge.Decision.promote, decide(results(1_000, 40, 0.01, -0.02, 0.03, false), early));
        // Enough lists, but a 10% loss is still possible: wait, and at the deadline, back.
        assertEquals(CanaryJudge.Decision.wait, decide(results(1_000, 40, 0.01, -0.05, 0.03, false), early));
        CanaryJudge.Verdict late = CanaryJudge.judge(results(1_000, 40, 0.01, -0.05, 0.03, false), SETTINGS, Duration.ofHours(25));
        assertEquals(CanaryJudge.Decision.rollback, late.decision());
        assertTrue(late.reason().contains("not shown to be no worse"), late.reason());
    }
}
