package io.sieve.ann;

/** One search hit: an item ordinal (an index into the bundle's {@code ItemIndex}) and its dot product with the query. */
public record Neighbour(int item, float score) {
}
