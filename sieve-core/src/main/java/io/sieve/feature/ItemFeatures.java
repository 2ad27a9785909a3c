package io.sieve.feature;

import io.sieve.config.SieveConfig;
import io.sieve.model.Attributes;
import io.sieve.model.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The item, from its decayed counters and its catalog entry: popularity over each half-life and
 * all time ("popular"), negative feedback, impressions, smoothed CTR and conversion rate, the mean
 * value given ("highly rated"), age ("new" when created this past year), category count, and
 * numeric attributes.
 */
final class ItemFeatures implements FeatureFamily {
    private static final double DAY_MS = 86_400_000.0;
    /** Age helps old favourites too; only an item created this past year is called new. */
    private static final Duration NEW = Duration.ofDays(365);

    @Override
    public List<Feature> features(SieveConfig config) {
        List<String> windows = new ArrayList<>();
        config.features().halfLivesDays().forEach(d -> windows.add(trim(d) + "d"));
        windows.add("all");
        List<Feature> all = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            int window = w;
            all.add(Feature.numeric("item_positive_" + windows.get(w),
                    (r, c) -> count(c, ItemCounters.POSITIVE, window, r.nowMs), (reasons, c) -> "popular"));
        }
        int allTime = windows.size() - 1;
        all.add(Feature.numeric("item_negative", (r, c) -> count(c, ItemCounters.NEGATIVE, allTime, r.nowMs)));
        all.add(Feature.numeric("item_impressions", (r, c) -> count(c, ItemCounters.IMPRESSION, allTime, r.nowMs)));
        all.add(Feature.numeric("item_ctr", (r, c) -> {
            double shown = count(c, ItemCounters.IMPRESSION, allTime, r.nowMs);
            // Beta(1, 19) prior: an item shown a few times without a click is not yet a 0% item.
            return shown > 0 ? (count(c, ItemCounters.POSITIVE, allTime, r.nowMs) + 1) / (shown + 20) : Double.NaN;
        }));
        all.add(Feature.numeric("item_conversion_rate", (r, c) ->
                (count(c, ItemCounters.CONVERSION, allTime, r.nowMs) + 0.5)
                        / (count(c, ItemCounters.POSITIVE, allTime, r.nowMs) + 10)));
        all.add(Feature.numeric("item_mean_value", (r, c) -> {
            double prior = r.statistics.globalMeanValue();
            // Shrunk towards the global mean with the weight of five values.
            return c.counters() == null || Double.isNaN(prior) ? prior
                    : (c.counters().valueSum() + 5 * prior) / (c.counters().valueCount() + 5);
        }, (reasons, c) -> "highly rated"));
        all.add(Feature.numeric("item_value_count", (r, c) -> c.counters() == null ? 0 : c.counters().valueCount()));
        all.add(Feature.numeric("item_age_days", (r, c) -> {
            long born = c.item() != null && c.item().createdAt() != null ? c.item().createdAt().toEpochMilli()
                    : c.counters() != null && c.counters().firstMs() != Long.MAX_VALUE ? c.counters().firstMs() : Long.MIN_VALUE;
            return born == Long.MIN_VALUE ? Double.NaN : (r.nowMs - born) / DAY_MS;
        }, (reasons, c) -> reasons.item(c.itemId()).map(Item::createdAt)
                .filter(created -> created.isAfter(reasons.context().now().minus(NEW))).map(created -> "new").orElse(null)));
        all.add(Feature.numeric("item_categories", (r, c) -> c.item() == null ? 0 : c.item().categories().size()));
        for (String a : config.features().itemAttributes()) {
            all.add(Feature.numeric("item_attr_" + a,
                    (r, c) -> c.item() == null ? Double.NaN : Attributes.number(c.item().attributes().get(a))));
        }
        return all;
    }

    private static double count(CandidateFeatures c, int kind, int window, long nowMs) {
        return c.counters() == null ? 0 : c.counters().count(kind, window, nowMs);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
