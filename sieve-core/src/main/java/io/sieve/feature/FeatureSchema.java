package io.sieve.feature;

import io.sieve.config.SieveConfig;
import io.sieve.feature.Feature.Family;
import io.sieve.model.Attributes;
import io.sieve.retrieve.SourceHit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The ordered list of ranking features. The order is the column order of the model's input, and
 * the fingerprint (a hash of the names) travels with models and logged impressions, so that values
 * computed under one list are never fed to a model trained under another.
 */
public final class FeatureSchema {
    /** The first pass's score and rank of a candidate: the order the learned ranker refines. */
    public static final String BLEND_SCORE = "blend_score";
    public static final String BLEND_RANK = "blend_rank";
    private static final double DAY_MS = 86_400_000.0;
    /** Codes of categorical attributes: few enough for LightGBM's bins, many enough that distinct values rarely share one. */
    private static final int CATEGORY_CODES = 1 << 15;

    private final List<Feature> features;
    private final RequestFeatures.FeatureContext context;
    private final String fingerprint;

    private FeatureSchema(List<Feature> features, RequestFeatures.FeatureContext context) {
        this.features = List.copyOf(features);
        this.context = context;
        this.fingerprint = fingerprint(names());
    }

    /** The features of the pipeline {@code config} describes, with one score and rank pair per enabled source. */
    public static FeatureSchema of(SieveConfig config) {
        var f = config.features();
        List<String> sources = new ArrayList<>();
        config.retrieval().sources().byName().forEach((name, s) -> {
            if (s.enabled()) {
                sources.add(name);
            }
        });
        List<Feature> all = new ArrayList<>();
        all.add(Feature.numeric("ctx_hour", Family.context, (r, c) -> r.hour));
        // A category, not a magnitude: Sunday is not "more" than Monday, and a log whose dates are
        // shifted by whole days then trains the same model with its days relabelled.
        all.add(new Feature("ctx_weekday", Family.context, true, (r, c) -> r.weekday));
        // An unknown surface or device is missing (NaN), the one value all others share.
        all.add(new Feature("ctx_surface", Family.context, true, (r, c) -> r.surface < 0 ? Double.NaN : r.surface));
        all.add(new Feature("ctx_device", Family.context, true, (r, c) -> r.device < 0 ? Double.NaN : r.device));

        for (int w = 0; w < RequestFeatures.USER_WINDOWS_MS.length; w++) {
            int window = w;
            all.add(Feature.numeric("user_positive_" + RequestFeatures.USER_WINDOW_NAMES[w], Family.user,
                    (r, c) -> r.positiveEvents[window]));
        }
        all.add(Feature.numeric("user_negative", Family.user, (r, c) -> r.negativeEvents));
        all.add(Feature.numeric("user_hours_since_last", Family.user, (r, c) -> r.hoursSinceLast));
        all.add(Feature.numeric("user_distinct_items", Family.user, (r, c) -> r.distinctItems));
        all.add(Feature.numeric("user_mean_value", Family.user, (r, c) -> r.meanValue));
        for (String type : config.types().names()) {
            all.add(Feature.numeric("user_events_" + type, Family.user, (r, c) -> r.eventsByType.getOrDefault(type, 0)));
        }
        for (String a : f.userAttributes()) {
            all.add(Feature.numeric("user_attr_" + a, Family.user,
                    (r, c) -> r.user == null ? Double.NaN : Attributes.number(r.user.attributes().get(a))));
        }
        for (String a : f.userCategories()) {
            all.add(new Feature("user_category_" + a, Family.user, true,
                    (r, c) -> r.user == null ? Double.NaN : categoryCode(r.user.attributes().get(a))));
        }

        List<String> windows = new ArrayList<>();
        f.halfLivesDays().forEach(d -> windows.add(trim(d) + "d"));
        windows.add("all");
        for (int w = 0; w < windows.size(); w++) {
            int window = w;
            all.add(Feature.numeric("item_positive_" + windows.get(w), Family.item,
                    (r, c) -> count(c, ItemCounters.POSITIVE, window, r.nowMs)));
        }
        int allTime = windows.size() - 1;
        all.add(Feature.numeric("item_negative", Family.item, (r, c) -> count(c, ItemCounters.NEGATIVE, allTime, r.nowMs)));
        all.add(Feature.numeric("item_impressions", Family.item, (r, c) -> count(c, ItemCounters.IMPRESSION, allTime, r.nowMs)));
        all.add(Feature.numeric("item_ctr", Family.item, (r, c) -> {
            double shown = count(c, ItemCounters.IMPRESSION, allTime, r.nowMs);
            // Beta(1, 19) prior: an item shown a few times without a click is not yet a 0% item.
            return shown > 0 ? (count(c, ItemCounters.POSITIVE, allTime, r.nowMs) + 1) / (shown + 20) : Double.NaN;
        }));
        all.add(Feature.numeric("item_conversion_rate", Family.item, (r, c) ->
                (count(c, ItemCounters.CONVERSION, allTime, r.nowMs) + 0.5)
                        / (count(c, ItemCounters.POSITIVE, allTime, r.nowMs) + 10)));
        all.add(Feature.numeric("item_mean_value", Family.item, (r, c) -> {
            double prior = r.statistics.globalMeanValue();
            // Shrunk towards the global mean with the weight of five values.
            return c.counters() == null || Double.isNaN(prior) ? prior
                    : (c.counters().valueSum() + 5 * prior) / (c.counters().valueCount() + 5);
        }));
        all.add(Feature.numeric("item_value_count", Family.item,
                (r, c) -> c.counters() == null ? 0 : c.counters().valueCount()));
        all.add(Feature.numeric("item_age_days", Family.item, (r, c) -> {
            long born = c.item() != null && c.item().createdAt() != null ? c.item().createdAt().toEpochMilli()
                    : c.counters() != null && c.counters().firstMs() != Long.MAX_VALUE ? c.counters().firstMs() : Long.MIN_VALUE;
            return born == Long.MIN_VALUE ? Double.NaN : (r.nowMs - born) / DAY_MS;
        }));
        all.add(Feature.numeric("item_categories", Family.item, (r, c) -> c.item() == null ? 0 : c.item().categories().size()));
        for (String a : f.itemAttributes()) {
            all.add(Feature.numeric("item_attr_" + a, Family.item,
                    (r, c) -> c.item() == null ? Double.NaN : Attributes.number(c.item().attributes().get(a))));
        }

        all.add(Feature.numeric("pair_category_affinity", Family.pair, (r, c) -> categoryAffinity(r, c, true)));
        all.add(Feature.numeric("pair_category_affinity_sum", Family.pair, (r, c) -> categoryAffinity(r, c, false)));
        all.add(Feature.numeric("pair_covisitation_recent", Family.pair,
                (r, c) -> r.coVisitedWithRecent.getOrDefault(c.bundleIndex(), 0f)));
        all.add(Feature.numeric("pair_als_similarity_recent", Family.pair, FeatureSchema::alsSimilarity));

        for (String source : sources) {
            all.add(Feature.numeric("source_" + source + "_score", Family.source, (r, c) -> {
                SourceHit hit = c.candidate().hits().get(source);
                double best = r.bestSourceScore.getOrDefault(source, 0.0);
                return hit == null ? Double.NaN : best > 0 ? hit.score() / best : hit.score();
            }));
            all.add(Feature.numeric("source_" + source + "_rank", Family.source, (r, c) -> {
                SourceHit hit = c.candidate().hits().get(source);
                return hit == null ? Double.NaN : hit.rank();
            }));
        }
        all.add(Feature.numeric("source_count", Family.source, (r, c) -> c.candidate().hits().size()));
        all.add(Feature.numeric(BLEND_SCORE, Family.source, (r, c) -> c.candidate().score()));
        all.add(Feature.numeric(BLEND_RANK, Family.source, (r, c) -> c.firstPassRank()));
        return new FeatureSchema(all, new RequestFeatures.FeatureContext(ZoneId.of(f.timeZone()), f.surfaces(),
                f.devices(), f.recentItems()));
    }

    public List<Feature> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    public List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    public int indexOf(String name) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Column indexes of the categorical features, as LightGBM's {@code categorical_feature} wants them. */
    public List<Integer> categorical() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).categorical()) {
                out.add(i);
            }
        }
        return out;
    }

    public String fingerprint() {
        return fingerprint;
    }

    RequestFeatures.FeatureContext context() {
        return context;
    }

    private static double count(CandidateFeatures c, int kind, int window, long nowMs) {
        return c.counters() == null ? 0 : c.counters().count(kind, window, nowMs);
    }

    private static double categoryAffinity(RequestFeatures r, CandidateFeatures c, boolean max) {
        if (c.item() == null) {
            return Double.NaN;
        }
        double best = 0;
        double sum = 0;
        for (String category : c.item().categories()) {
            double share = r.categoryShare.getOrDefault(category, 0.0);
            best = Math.max(best, share);
            sum += share;
        }
        return max ? best : sum;
    }

    private static double alsSimilarity(RequestFeatures r, CandidateFeatures c) {
        var als = c.bundleIndex() >= 0 && r.recentVectors.length > 0 ? r.alsItem(c.bundleIndex()) : null;
        if (als == null) {
            return Double.NaN;
        }
        double best = -1;
        for (float[] recent : r.recentVectors) {
            best = Math.max(best, io.sieve.ann.VectorMath.dot(recent, als));
        }
        return best;
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

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String fingerprint(List<String> names) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join(",", names).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feature values by name, for debug output and tests. */
    public Map<String, Float> named(float[] row, int offset) {
        Map<String, Float> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            out.put(features.get(i).name(), row[offset + i]);
        }
        return out;
    }
}
