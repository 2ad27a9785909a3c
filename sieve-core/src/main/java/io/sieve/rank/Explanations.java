package io.sieve.rank;

import io.sieve.model.Item;
import io.sieve.pipeline.RequestContext;
import io.sieve.retrieve.Candidate;
import io.sieve.retrieve.SourceHit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a candidate's SHAP contributions into what a person reads: the strongest features for
 * debug output, and a reason drawn from the feature that pushed the item up most. A feature that
 * has no words of its own (hour of day, say) passes the turn to the next one.
 */
final class Explanations {
    static final int SHOWN = 5;

    private Explanations() {
    }

    /** The user's positive events per category, counted once per request and only if a reason needs it. */
    static final class Favourites {
        private final RequestContext context;
        private Map<String, Integer> counts;

        Favourites(RequestContext context) {
            this.context = context;
        }

        java.util.Optional<String> of(Item item) {
            if (counts == null) {
                counts = new java.util.HashMap<>();
                for (var e : context.history()) {
                    if (context.types().weightOf(e) > 0) {
                        context.item(e.item()).ifPresent(i -> i.categories().forEach(cat -> counts.merge(cat, 1, Integer::sum)));
                    }
                }
            }
            return item.categories().stream().filter(counts::containsKey).max(Comparator.comparingInt(counts::get));
        }
    }

    static void explain(RequestContext context, Favourites favourites, Candidate c, List<String> names,
                        double[] contributions, int offset) {
        int width = names.size();
        Integer[] order = new Integer[width];
        for (int f = 0; f < width; f++) {
            order[f] = f;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -Math.abs(contributions[offset + f])));
        Map<String, Double> top = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(SHOWN, width); i++) {
            top.put(names.get(order[i]), contributions[offset + order[i]]);
        }
        String reason = null;
        for (int i = 0; i < width && reason == null; i++) {
            int f = order[i];
            if (contributions[offset + f] > 0) {
                reason = reason(context, favourites, c, names.get(f));
            }
        }
        c.setExplanation(top, reason != null ? reason : c.reason());
    }

    private static String reason(RequestContext context, Favourites favourites, Candidate c, String feature) {
        if (feature.startsWith("source_") && (feature.endsWith("_score") || feature.endsWith("_rank"))) {
            SourceHit hit = c.hits().get(feature.substring("source_".length(), feature.lastIndexOf('_')));
            return hit == null ? null : hit.reason();
        }
        return switch (feature) {
            case "pair_covisitation_recent" -> hitReason(c, "covisitation");
            case "pair_als_similarity_recent" -> hitReason(c, "als");
            case "pair_category_affinity", "pair_category_affinity_sum" -> context.item(c.itemId())
                    .flatMap(favourites::of).map(cat -> "because you like " + cat).orElse(null);
            case "item_mean_value" -> "highly rated";
            // Age helps old favourites too; only an item created this past year is called new.
            case "item_age_days" -> context.item(c.itemId()).map(Item::createdAt)
                    .filter(created -> created.isAfter(context.now().minus(java.time.Duration.ofDays(365))))
                    .map(created -> "new").orElse(null);
            default -> feature.startsWith("item_positive_") ? "popular" : null;
        };
    }

    private static String hitReason(Candidate c, String source) {
        SourceHit hit = c.hits().get(source);
        return hit == null ? null : hit.reason();
    }
}
