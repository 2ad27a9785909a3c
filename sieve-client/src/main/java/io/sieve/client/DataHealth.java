package io.sieve.client;

import java.util.List;

/**
 * The data's health ({@code GET /v1/admin/health}): how fresh events, counters and the model are,
 * and whether the learned ranker's inputs drifted from what it was trained on.
 *
 * @param status {@code ok}, or {@code alert} when a signal is stale or a feature drifted
 * @param alerts one line per problem, for people
 */
public record DataHealth(String status, List<String> alerts, List<FreshnessSignal> freshness, Drift drift) {

    /** @param signal events, counters or bundle */
    public record FreshnessSignal(String signal, double ageSeconds, double thresholdSeconds, boolean stale) {
    }

    /**
     * The population stability index of each ranker feature and of its score, now against training.
     *
     * @param modelVersion the served bundle, whose window is reported
     * @param reason       why nothing is compared, when {@code measured} is false
     * @param requests     counted requests in the window (at least {@code minRequests} to compare)
     * @param rows         their ranked rows
     * @param score        the score's index; null when not measured
     * @param features     largest index first; empty when not measured
     */
    public record Drift(String modelVersion, boolean measured, String reason, double threshold, long requests,
                        int minRequests, long rows, FeaturePsi score, List<FeaturePsi> features) {
    }

    /** @param used whether the model splits on the feature; one it never splits on cannot move its score */
    public record FeaturePsi(String feature, double psi, boolean used, boolean drifted) {
    }
}
