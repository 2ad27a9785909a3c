package io.sieve.retrieve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item on its way through the funnel. Keeps every source that proposed it, so the ranker can
 * use all of them and the response can say where it came from.
 */
public final class Candidate {
    private final String itemId;
    private final Map<String, SourceHit> hits = new LinkedHashMap<>();
    private double score;
    private String reason;
    private float[] features;
    private Map<String, Double> explanation;
    private double propensity = 1;

    public Candidate(String itemId) {
        this.itemId = itemId;
    }

    public String itemId() {
        return itemId;
    }

    public Map<String, SourceHit> hits() {
        return hits;
    }

    void addHit(String source, SourceHit hit) {
        hits.putIfAbsent(source, hit);
    }

    public double score() {
        return score;
    }

    public String reason() {
        return reason;
    }

    public void setScore(double score, String reason) {
        this.score = score;
        this.reason = reason;
    }

    /** The feature values the learned ranker scored this candidate with, or null. */
    public float[] features() {
        return features;
    }

    public void setFeatures(float[] features) {
        this.features = features;
    }

    /** The features that moved this candidate's score most (SHAP contributions), or null. */
    public Map<String, Double> explanation() {
        return explanation;
    }

    public void setExplanation(Map<String, Double> explanation, String reason) {
        this.explanation = explanation;
        this.reason = reason;
    }

    /** The probability with which the slate's policy chose this item for its position (1 unless it explored). */
    public double propensity() {
        return propensity;
    }

    public void setPropensity(double propensity) {
        this.propensity = propensity;
    }

    /** A copy sharing the source hits, for a stage that may be abandoned while still writing scores. */
    public Candidate copy() {
        Candidate c = new Candidate(itemId);
        c.hits.putAll(hits);
        c.score = score;
        c.reason = reason;
        return c;
    }
}
