package io.sieve.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sieve.experiment.stats.Interval;
import java.util.List;
import java.util.Map;

/**
 * An experiment's results as {@code GET /v1/experiments/{name}/results} answers them and
 * {@code sieve experiment report} prints them.
 *
 * @param trustworthy false when the sample-ratio check failed: then no lift here can be believed
 * @param interleaving for an interleaving experiment, its preference (and no variants, comparisons or SRM)
 * @param comparisons every metric of every treatment against the control; a metric nobody in the
 *                    experiment produced (no conversion event at all, say) is left out rather than
 *                    counted in the correction for multiple comparisons
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentResults(String name, String layer, String control, boolean trustworthy,
                                Map<String, VariantSummary> variants, List<Comparison> comparisons, Srm srm,
                                Analysis analysis, Interleaving interleaving) {

    /** A value and its interval, as JSON {@code {"value": v, "ci": [low, high]}}. */
    public record Estimate(double value, double[] ci) {
        static Estimate of(Interval interval) {
            return interval == null ? null : new Estimate(interval.value(), new double[] {interval.low(), interval.high()});
        }
    }

    /**
     * One variant: how many were exposed, what they did, and the guardrails of what it served.
     *
     * @param impressions served lists
     */
    public record VariantSummary(long users, long impressions, long clicks, long conversions, Estimate ctr,
                                 Estimate conversionRate, Estimate engagementPerUser, Estimate valuePerUser,
                                 Guardrails guardrails) {
    }

    /**
     * @param p99LatencyMs         the funnel's 99th-percentile time for this variant's lists
     * @param fallbackRate         share of its lists served with a source or stage fallen back
     * @param negativeFeedbackRate negative events per served list
     * @param coverage             distinct items served over the catalog's items
     * @param diversity            mean share of distinct first categories in a served list
     */
    public record Guardrails(double p99LatencyMs, double fallbackRate, double negativeFeedbackRate, double coverage,
                             double diversity) {
    }

    /**
     * @param lift                   treatment minus control, fixed-horizon interval
     * @param relativeLift           the lift over the control's value (absent when the control's is 0)
     * @param sequentialCi           the lift's always-valid interval
     * @param pValue                 Welch's two-sided p-value, fixed horizon
     * @param sequentialPValue       the always-valid p-value
     * @param adjustedPValue         the p-value significance is judged by (sequential or not), adjusted across comparisons
     * @param significant            adjustedPValue below alpha
     * @param better                 significant in the good direction (lower for a guardrail like negativeRate)
     * @param cupedVarianceReduction the share of the lift's variance CUPED removed
     */
    public record Comparison(String variant, String against, Metric metric, Estimate lift, Estimate relativeLift,
                             double[] sequentialCi, double pValue, double sequentialPValue, double adjustedPValue,
                             boolean significant, boolean better, double cupedVarianceReduction) {
    }

    /** The sample-ratio-mismatch check: users per variant against the configured weights. */
    public record Srm(double pValue, boolean ok, Map<String, Long> users, Map<String, Double> expectedShares) {
    }

    /**
     * An interleaving experiment's verdict. A list's click on an item is credited to the variant
     * that contributed it; a list is won by the variant with more credited clicks; a user prefers
     * the variant that won more of their lists. The users with a preference decide, by a two-sided
     * sign test.
     *
     * @param lists            interleaved lists served
     * @param listsWithClicks  lists with at least one credited click
     * @param listWins         lists won by each variant (the rest of those with clicks are ties)
     * @param userWins         users who preferred each variant
     * @param preference       (users preferring the second variant - the first) / users with a preference, in [-1, 1]
     * @param winner           the preferred variant when significant, else null
     */
    public record Interleaving(long lists, long listsWithClicks, Map<String, Long> listWins, Map<String, Long> userWins,
                               Estimate preference, double pValue, boolean significant, String winner) {
    }

    /** The settings the results were computed with. */
    public record Analysis(double alpha, String correction, boolean sequential, boolean cuped, double cupedDays) {
    }
}
