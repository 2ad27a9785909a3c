package io.sieve.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * How experiment results are computed ({@code experimentAnalysis}; README "Run an A/B test").
 *
 * @param alpha       two-sided significance level; intervals are at 1 - alpha
 * @param correction  adjustment of p-values across metrics and variants
 * @param sequential  judge significance by always-valid intervals, so reading results daily is safe
 * @param tuningUsers users at which the always-valid intervals are tightest (about the planned size)
 * @param cuped       reduce variance with each user's activity before their first exposure
 * @param cupedDays   how far back that activity is counted
 * @param clicks      event types counted as clicks (carrying the response's requestId)
 * @param conversions event types counted as conversions; their values sum to the value per user
 */
public record AnalysisConfig(@Positive @DecimalMax("0.5") double alpha,
                             @NotNull Correction correction,
                             boolean sequential,
                             @Positive long tuningUsers,
                             boolean cuped,
                             @PositiveOrZero double cupedDays,
                             @NotNull List<@NotNull String> clicks,
                             @NotNull List<@NotNull String> conversions) {
}
