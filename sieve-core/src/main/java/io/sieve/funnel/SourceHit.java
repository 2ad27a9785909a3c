package io.sieve.funnel;

/** Where one source placed a candidate: its 1-based rank, its score and its reason. */
public record SourceHit(int rank, double score, String reason) {
}
