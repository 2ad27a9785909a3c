package io.sieve.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.Range;

/** How a newly published bundle reaches users ({@code rollout}; README "Canary rollouts"). */
public record RolloutConfig(@NotNull @Valid Canary canary) {
    /** The metrics a guardrail may name: those of the experiment results. */
    public static final List<String> METRICS = List.of("ctr", "conversion", "engagement", "value", "negativeRate");

    /**
     * A canary: a new bundle first serves {@code fraction} of users beside the current one, as the
     * experiment {@code rollout-<version>} (variants stable and canary), and is judged by the
     * bundle polls, at most every {@code checkSeconds}: rolled back as soon as a guardrail is significantly worse (always-valid
     * intervals, so judging often is safe), promoted once it has {@code minImpressions} served lists
     * and every guardrail is shown to be no worse than {@code margin}, and rolled back if neither
     * has happened within {@code maxDuration}.
     *
     * @param fraction            share of users the canary serves; 0: a new bundle replaces the current at once
     * @param salt                mixed with the version into the users' hash
     * @param minImpressions      lists the canary must serve before it can be promoted
     * @param maxDuration         how long a canary may run undecided (ISO-8601, PT24H)
     * @param margin              relative degradation of a guardrail still accepted as "no worse" (0.05: 5%)
     * @param guardrails          metrics judged statistically: ctr, conversion, engagement, value, negativeRate
     * @param maxLatencyRatio     the canary's p99 latency may be at most this times the stable one's ...
     * @param latencySlackMs      ... or this many milliseconds above it, whichever is more: a new bundle's
     *                            first lists run on cold caches and code, and a few milliseconds there are noise
     * @param maxFallbackIncrease the canary's fallback rate may exceed the stable one's by at most this
     * @param checkSeconds        judged at most this often by the bundle polls (each judgement reads the whole log)
     */
    public record Canary(@Range(min = 0, max = 1) double fraction, @NotBlank String salt, @Positive long minImpressions,
                         @NotNull Duration maxDuration, @PositiveOrZero double margin, @NotNull List<@NotNull String> guardrails,
                         @Positive double maxLatencyRatio, @PositiveOrZero double latencySlackMs,
                         @PositiveOrZero double maxFallbackIncrease, @Positive int checkSeconds) {
        public boolean enabled() {
            return fraction > 0;
        }
    }
}
