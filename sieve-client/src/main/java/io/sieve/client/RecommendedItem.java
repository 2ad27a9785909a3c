package io.sieve.client;

import java.util.List;
import java.util.Map;

/**
 * One item of a list.
 *
 * @param sources     every retrieval source that proposed it
 * @param reason      why it is shown, in words for the end user
 * @param explanation with debug and the learned ranker: the features that moved its score most
 * @param title       with {@link Include#TITLE}; null otherwise (or when the item has none)
 * @param categories  with {@link Include#CATEGORIES}
 * @param attributes  with {@link Include#ATTRIBUTES}
 */
public record RecommendedItem(String id, double score, List<String> sources, String reason,
                              Map<String, Double> explanation, String title, List<String> categories,
                              Map<String, Object> attributes) {
}
