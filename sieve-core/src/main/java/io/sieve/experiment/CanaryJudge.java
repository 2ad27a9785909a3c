package io.sieve.experiment;

import io.sieve.config.RolloutConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * Decides a canary from its results. Rolled back as soon as a guardrail metric is significantly
 * worse (by the always-valid intervals, so judging on every poll is safe), or its p99 latency or
 * fallback rate exceeds the stable bundle's by more than allowed; promoted once it has served
 * {@code minImpressions} lists and every guardrail's always-valid interval rules out a degradation
 * beyond {@code margin} (a non-inferiority test); rolled back when {@code maxDuration} passes
 * without either, because a canary that cannot show it is no worse is not shipped by default.
 */
public final class CanaryJudge {
    public enum Decision { wait, promote, rollback }

    public record Verdict(Decision decision, String reason) {
    }

    /** Latency and fallbacks are compared only once the canary has served this share of minImpressions. */
    private static final double OPERATIONAL_SHARE = 0.1;

    private CanaryJudge() {
    }

    public static Verdict judge(ExperimentResults results, RolloutConfig.Canary settings, Duration running) {
        var canary = results.variants().get(Canary.CANARY);
        var stable = results.variants().get(Canary.STABLE);
        for (ExperimentResults.Comparison c : results.comparisons()) {
            if (settings.guardrails().contains(c.metric().name()) && c.significant() && !c.better()) {
                return new Verdict(Decision.rollback, String.format(Locale.ROOT, "%s is significantly worse: %+.4f, always-valid "
                        + "interval [%+.4f, %+.4f], adjusted p %.3g", c.metric(), c.lift().value(), c.sequentialCi()[0],
                        c.sequentialCi()[1], c.adjustedPValue()));
            }
        }
        if (canary.impressions() >= OPERATIONAL_SHARE * settings.minImpressions()) {
            var g = canary.guardrails();
            var s = stable.guardrails();
            double allowed = Math.max(settings.maxLatencyRatio() * s.p99LatencyMs(), s.p99LatencyMs() + settings.latencySlackMs());
            if (s.p99LatencyMs() > 0 && g.p99LatencyMs() > allowed) {
                return new Verdict(Decision.rollback, String.format(Locale.ROOT, "p99 latency %.1f ms against %.1f ms for the stable bundle",
                        g.p99LatencyMs(), s.p99LatencyMs()));
            }
            if (g.fallbackRate() > s.fallbackRate() + settings.maxFallbackIncrease()) {
                return new Verdict(Decision.rollback, String.format(Locale.ROOT, "fallback rate %.3f against %.3f for the stable bundle",
                        g.fallbackRate(), s.fallbackRate()));
            }
        }
        if (canary.impressions() >= settings.minImpressions() && guardrailsHold(results, settings)) {
            return new Verdict(Decision.promote, String.format(Locale.ROOT, "%d lists served; every guardrail %s is within %.0f%% "
                    + "of the stable bundle's by its always-valid interval", canary.impressions(), settings.guardrails(), 100 * settings.margin()));
        }
        if (running.compareTo(settings.maxDuration()) >= 0) {
            return new Verdict(Decision.rollback, "not shown to be no worse within " + settings.maxDuration());
        }
        return new Verdict(Decision.wait, canary.impressions() + " of " + settings.minImpressions() + " lists served");
    }

    /** Non-inferiority: each guardrail's always-valid interval excludes a degradation beyond the margin. */
    private static boolean guardrailsHold(ExperimentResults results, RolloutConfig.Canary settings) {
        for (ExperimentResults.Comparison c : results.comparisons()) {
            if (!settings.guardrails().contains(c.metric().name())) {
                continue;
            }
            double control = controlValue(results, c);
            double tolerated = settings.margin() * Math.abs(control);
            boolean holds = c.metric().lowerIsBetter() ? c.sequentialCi()[1] <= tolerated : c.sequentialCi()[0] >= -tolerated;
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static double controlValue(ExperimentResults results, ExperimentResults.Comparison c) {
        var stable = results.variants().get(c.against());
        return switch (c.metric()) {
            case ctr -> stable.ctr().value();
            case conversion -> stable.conversionRate().value();
            case engagement -> stable.engagementPerUser().value();
            case value -> stable.valuePerUser().value();
            case negativeRate -> stable.guardrails().negativeFeedbackRate();
        };
    }
}
