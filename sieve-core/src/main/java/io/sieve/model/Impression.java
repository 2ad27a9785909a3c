package io.sieve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A slate as it was served: which items, in which positions, and the exact feature values the
 * ranker scored them with. Later events carrying the request id (or falling inside the attribution
 * window) label it, so that the next ranker is trained on what serving saw, not on a recomputation.
 *
 * @param timestamp     the moment the features were computed for
 * @param featureSchema fingerprint of the feature list the values follow; rows of another schema are not mixed in
 * @param experiments   the experiment variants this slate exposed the user to (null: none), which
 *                      experiment results count; a variant forced for QA is not an exposure
 * @param latencyMs     how long the funnel took, for the experiments' latency guardrail
 * @param degraded      a source or stage fell back while serving it, for the fallback-rate guardrail
 * @param teams         for an interleaved list, the variant that contributed each item (item to
 *                      variant), which a click on it credits; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Impression(String requestId, String user, Instant timestamp, String surface, String device,
                         String modelVersion, String featureSchema, List<Shown> items,
                         Map<String, String> experiments, Double latencyMs, Boolean degraded, Map<String, String> teams) {

    @JsonCreator
    public Impression {
        items = List.copyOf(items);
        experiments = experiments == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(experiments));
        teams = teams == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(teams));
    }

    /** A slate outside any experiment, with no serving measurements (an import, a test). */
    public Impression(String requestId, String user, Instant timestamp, String surface, String device,
                      String modelVersion, String featureSchema, List<Shown> items) {
        this(requestId, user, timestamp, surface, device, modelVersion, featureSchema, items, null, null, null, null);
    }

    /** The same slate, recorded as exposing the user to these variants. */
    public Impression withExperiments(Map<String, String> exposures) {
        return new Impression(requestId, user, timestamp, surface, device, modelVersion, featureSchema, items,
                exposures == null || exposures.isEmpty() ? null : exposures, latencyMs, degraded, teams);
    }

    /**
     * One shown item; {@code features} is null when the slate was not ranked by the learned ranker.
     *
     * @param propensity the probability with which the policy chose this item for this position
     *                   (1 for positions that do not explore): the weight IPS / SNIPS estimators need
     */
    public record Shown(String item, int position, double score, double propensity, float[] features) {
    }
}
