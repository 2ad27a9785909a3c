package io.sieve.feature;

import io.sieve.config.SieveConfig;
import io.sieve.model.Attributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The user, from their history up to the request's moment and their profile: activity over windows
 * and per event type, recency, breadth, mean value given, numeric and categorical attributes. They
 * say how much to trust the other features, not why an item suits the user, so none is a reason.
 */
final class UserFeatures implements FeatureFamily {
    /** Codes of categorical attributes: few enough for LightGBM's bins, many enough that distinct values rarely share one. */
    private static final int CATEGORY_CODES = 1 << 15;

    @Override
    public List<Feature> features(SieveConfig config) {
        List<Feature> all = new ArrayList<>();
        for (int w = 0; w < RequestFeatures.USER_WINDOWS_MS.length; w++) {
            int window = w;
            all.add(Feature.numeric("user_positive_" + RequestFeatures.USER_WINDOW_NAMES[w], (r, c) -> r.positiveEvents[window]));
        }
        all.add(Feature.numeric("user_negative", (r, c) -> r.negativeEvents));
        all.add(Feature.numeric("user_hours_since_last", (r, c) -> r.hoursSinceLast));
        all.add(Feature.numeric("user_distinct_items", (r, c) -> r.distinctItems));
        all.add(Feature.numeric("user_mean_value", (r, c) -> r.meanValue));
        for (String type : config.types().names()) {
            all.add(Feature.numeric("user_events_" + type, (r, c) -> r.eventsByType.getOrDefault(type, 0)));
        }
        for (String a : config.features().userAttributes()) {
            all.add(Feature.numeric("user_attr_" + a,
                    (r, c) -> r.user == null ? Double.NaN : Attributes.number(r.user.attributes().get(a))));
        }
        for (String a : config.features().userCategories()) {
            all.add(Feature.category("user_category_" + a,
                    (r, c) -> r.user == null ? Double.NaN : categoryCode(r.user.attributes().get(a))));
        }
        return all;
    }

    /**
     * A category's code for LightGBM: a stable hash of its text into a fixed range, so that the
     * schema needs no vocabulary and a value first seen at serving time is simply a new category.
     * NaN (missing) for no value.
     */
    static double categoryCode(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return Double.NaN;
        }
        int h = value.toString().hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (CATEGORY_CODES - 1);
    }
}
