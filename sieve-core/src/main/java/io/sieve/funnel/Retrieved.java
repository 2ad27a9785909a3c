package io.sieve.funnel;

/** One item a source proposes, with the source's own score and a reason a person can read. */
public record Retrieved(String itemId, double score, String reason) {
}
