package io.sieve.feature;

import io.sieve.model.Item;
import io.sieve.funnel.Candidate;

/**
 * What the features of one candidate read: the candidate with its source hits, its catalog entry,
 * its counters, its index in the model bundle (-1 when the bundle does not know it) and its
 * position in the first-pass order (1-based).
 */
public record CandidateFeatures(Candidate candidate, Item item, ItemCounters counters, int bundleIndex,
                                int firstPassRank) {
}
