package io.sieve.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A request for a user's list: {@code RecommendationQuery.forUser("1").n(10).include(Include.TITLE)}.
 * Immutable; each method returns a changed copy, so a base query can be shared and varied. What is
 * left unset is not sent, and the server's defaults apply ({@code n} per surface, surface
 * {@code home}). Values are checked by the server, not here, so the client never disagrees with it.
 *
 * @param categories    only items in at least one of these categories
 * @param excludedItems item ids not to return (already shown, in the basket)
 * @param filters       rules for this request only, {@code attribute:op:value} (docs/RULES.md); every one must hold
 * @param variants      {@code experiment:variant} to force, for QA; needs an admin key
 * @param debug         add how the funnel produced the list
 * @param include       catalog fields to put on each item
 */
public record RecommendationQuery(String userId, Integer n, String surface, String device, List<String> categories,
                                  List<String> excludedItems, List<String> filters, List<String> variants,
                                  boolean debug, Set<Include> include) {

    public RecommendationQuery {
        Objects.requireNonNull(userId, "userId");
        categories = List.copyOf(categories);
        excludedItems = List.copyOf(excludedItems);
        filters = List.copyOf(filters);
        variants = List.copyOf(variants);
        include = include.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(include));
    }

    public static RecommendationQuery forUser(String userId) {
        return new RecommendationQuery(userId, null, null, null, List.of(), List.of(), List.of(), List.of(), false, Set.of());
    }

    /** How many items; the server takes 1 to server.maxN (200 by default) and refuses others with a 400. */
    public RecommendationQuery n(int count) {
        return new RecommendationQuery(userId, count, surface, device, categories, excludedItems, filters, variants, debug, include);
    }

    public RecommendationQuery surface(String name) {
        return new RecommendationQuery(userId, n, name, device, categories, excludedItems, filters, variants, debug, include);
    }

    public RecommendationQuery device(String name) {
        return new RecommendationQuery(userId, n, surface, name, categories, excludedItems, filters, variants, debug, include);
    }

    /** Adds categories; an item in any of them qualifies. */
    public RecommendationQuery category(String... names) {
        return new RecommendationQuery(userId, n, surface, device, plus(categories, names), excludedItems, filters, variants,
                debug, include);
    }

    /** Adds item ids not to return. */
    public RecommendationQuery exclude(String... itemIds) {
        return new RecommendationQuery(userId, n, surface, device, categories, plus(excludedItems, itemIds), filters, variants,
                debug, include);
    }

    /** Adds a rule, e.g. {@code price:lte:20} or {@code category:in:Comedy|Drama}. */
    public RecommendationQuery filter(String rule) {
        return new RecommendationQuery(userId, n, surface, device, categories, excludedItems, plus(filters, rule), variants,
                debug, include);
    }

    /** Serves this variant of the experiment whatever the user's assignment (QA; never counted as an exposure). */
    public RecommendationQuery variant(String experiment, String variant) {
        return new RecommendationQuery(userId, n, surface, device, categories, excludedItems, filters,
                plus(variants, experiment + ":" + variant), debug, include);
    }

    public RecommendationQuery debug(boolean on) {
        return new RecommendationQuery(userId, n, surface, device, categories, excludedItems, filters, variants, on, include);
    }

    /** Adds catalog fields to put on each item. */
    public RecommendationQuery include(Include first, Include... more) {
        EnumSet<Include> fields = EnumSet.of(first, more);
        fields.addAll(include);
        return new RecommendationQuery(userId, n, surface, device, categories, excludedItems, filters, variants, debug, fields);
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> out = new ArrayList<>(list);
        out.addAll(Arrays.asList(more));
        return out;
    }
}
