package io.sieve.funnel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item on its way through the funnel, immutable: a stage that scores, explains or places it
 * returns a changed copy, so a stage abandoned at its deadline can never touch what the next
 * one works on. Keeps every source that proposed it (in the order they answered), so the ranker
 * can use all of them and the response can say where it came from.
 *
 * @param features    the feature values the learned ranker scored it with, or null
 * @param explanation the features that moved its score most (SHAP contributions), or null
 * @param propensity  the probability with which the slate's policy chose it for its position (1 unless it explored)
 */
public record Candidate(String itemId, Map<String, SourceHit> hits, double score, String reason, float[] features,
                        Map<String, Double> explanation, double propensity) {

    public Candidate {
        hits = Collections.unmodifiableMap(new LinkedHashMap<>(hits));
    }

    /** A candidate no source proposed (a pinned item, say). */
    public Candidate(String itemId) {
        this(itemId, Map.of(), 0, null, null, null, 1);
    }

    /** Proposed by these sources, not yet scored. */
    public static Candidate proposed(String itemId, Map<String, SourceHit> hits) {
        return new Candidate(itemId, hits, 0, null, null, null, 1);
    }

    public Candidate withScore(double newScore, String newReason) {
        return new Candidate(itemId, hits, newScore, newReason, features, explanation, propensity);
    }

    public Candidate withFeatures(float[] values) {
        return new Candidate(itemId, hits, score, reason, values, explanation, propensity);
    }

    public Candidate withExplanation(Map<String, Double> contributions, String newReason) {
        return new Candidate(itemId, hits, score, newReason, features, contributions, propensity);
    }

    public Candidate withPropensity(double p) {
        return new Candidate(itemId, hits, score, reason, features, explanation, p);
    }
}
