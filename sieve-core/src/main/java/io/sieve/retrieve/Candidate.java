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
}
