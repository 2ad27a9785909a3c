package io.sieve.feature;

import io.sieve.config.SieveConfig;
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

    private final List<Feature> features;
    private final RequestFeatures.FeatureContext context;
    private final String fingerprint;

    private FeatureSchema(List<Feature> features, RequestFeatures.FeatureContext context) {
        this.features = List.copyOf(features);
        this.context = context;
        this.fingerprint = fingerprint(names());
    }

    /** The families, in column order: context, user, item, pair, sources. */
    private static final List<FeatureFamily> FAMILIES = List.of(new ContextFeatures(), new UserFeatures(), new ItemFeatures(),
            new PairFeatures(), new SourceFeatures());

    /** The features of the pipeline {@code config} describes, with one score and rank pair per enabled source. */
    public static FeatureSchema of(SieveConfig config) {
        var f = config.features();
        List<Feature> all = new ArrayList<>();
        FAMILIES.forEach(family -> all.addAll(family.features(config)));
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
