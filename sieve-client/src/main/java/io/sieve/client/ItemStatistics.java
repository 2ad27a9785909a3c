package io.sieve.client;

/**
 * An item's all-time counters ({@code GET /v1/items/{itemId}/statistics}). The server's counters
 * decay and may be fractional, hence doubles.
 *
 * @param impressions  times the item was shown
 * @param engaged      positive events on it
 * @param responses    positive events that answered a served list (they carried its requestId)
 * @param responseRate responses per impression; null before the item was shown
 */
public record ItemStatistics(String item, double impressions, double engaged, double responses,
                             Double responseRate) {
}
