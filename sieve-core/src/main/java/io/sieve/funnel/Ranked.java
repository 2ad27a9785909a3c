package io.sieve.funnel;

import io.sieve.model.ColdStartStage;
import java.util.List;

/**
 * What the rank stage returns: every candidate scored, best first, which ranker ordered them (and
 * why, when it is not the configured one) and where the user stands on the cold-start chain.
 */
public record Ranked(List<Candidate> candidates, String rankedBy, ColdStartStage coldStart) {
    public Ranked {
        candidates = List.copyOf(candidates);
    }
}
