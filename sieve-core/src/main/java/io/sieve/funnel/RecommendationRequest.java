package io.sieve.funnel;

import java.time.Instant;
import io.sieve.rules.Rule;
import java.util.List;
import java.util.Set;

/**
 * One call for recommendations.
 *
 * @param exclude    item ids the caller does not want
 * @param categories when not empty, only items in at least one of these categories
 * @param asOf       null for a live request; offline evaluation replays a request at this moment in
 *                   the past, and the user's later events are then hidden from it
 * @param device     the caller's device class when given (a ranking feature), otherwise null
 * @param rules      rules for this request only, on top of the configured ones (e.g. the caller's filters)
 */
public record RecommendationRequest(
        String userId, int n, String surface, Set<String> exclude, Set<String> categories,
        boolean debug, Instant asOf, String device, List<Rule> rules) {

    public RecommendationRequest {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        surface = surface == null || surface.isBlank() ? "home" : surface;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static RecommendationRequest of(String userId, int n) {
        return new RecommendationRequest(userId, n, null, null, null, false, null, null, null);
    }
}
