package io.sieve.pipeline;

import java.time.Instant;
import java.util.Set;

/**
 * One call for recommendations.
 *
 * @param exclude    item ids the caller does not want
 * @param categories when not empty, only items in at least one of these categories
 * @param now        the request's time; offline evaluation replays requests in the past
 */
public record RecommendationRequest(
        String userId, int n, String surface, Set<String> exclude, Set<String> categories,
        boolean debug, Instant now) {

    public RecommendationRequest {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        surface = surface == null || surface.isBlank() ? "home" : surface;
        now = now == null ? Instant.now() : now;
    }

    public static RecommendationRequest of(String userId, int n) {
        return new RecommendationRequest(userId, n, null, null, null, false, null);
    }
}
