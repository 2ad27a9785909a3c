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
        return forUser(userId, n).build();
    }

    /** A request for {@code n} items for this user; everything else is optional and named. */
    public static Builder forUser(String userId, int n) {
        return new Builder(userId, n);
    }

    /** Names each optional part of a request, so callers never count positional nulls. */
    public static final class Builder {
        private final String userId;
        private final int n;
        private String surface;
        private Set<String> exclude;
        private Set<String> categories;
        private boolean debug;
        private Instant asOf;
        private String device;
        private List<Rule> rules;

        private Builder(String userId, int n) {
            this.userId = userId;
            this.n = n;
        }

        public Builder surface(String surface) {
            this.surface = surface;
            return this;
        }

        public Builder exclude(Set<String> exclude) {
            this.exclude = exclude;
            return this;
        }

        public Builder categories(Set<String> categories) {
            this.categories = categories;
            return this;
        }

        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        public Builder asOf(Instant asOf) {
            this.asOf = asOf;
            return this;
        }

        public Builder device(String device) {
            this.device = device;
            return this;
        }

        public Builder rules(List<Rule> rules) {
            this.rules = rules;
            return this;
        }

        public RecommendationRequest build() {
            return new RecommendationRequest(userId, n, surface, exclude, categories, debug, asOf, device, rules);
        }
    }
}
