package io.sieve.bundle.rank;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMException;
import io.sieve.nativelib.NativeLibraries;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learned ranker's models: one LightGBM LambdaMART model per objective, all over the same
 * feature list. Part of a model bundle. Each model is served by a {@link BoosterPool}, so no two
 * calls share a booster; the native memory is freed once the bundle that owns the model is no
 * longer reachable (a swapped-out bundle may still serve requests in flight), and never under a
 * running call.
 */
public final class RankerModel {
    public static final RankerModel NONE = new RankerModel(List.of(), "", Map.of());
    private static final Cleaner CLEANER = Cleaner.create();
    /** One thread per prediction: requests already run in parallel, and OpenMP's start-up costs more than 500 rows. */
    private static final String PREDICT_PARAMS = "num_threads=1";

    private final List<String> features;
    private final String featureSchema;
    private final Map<String, String> modelTexts;
    private final Map<String, BoosterPool> boosters = new LinkedHashMap<>();
    private final FeatureProfile reference;
    private final Set<String> usedFeatures;

    /** @param modelTexts each objective's model in LightGBM's text format */
    public RankerModel(List<String> features, String featureSchema, Map<String, String> modelTexts) {
        this(features, featureSchema, modelTexts, FeatureProfile.NONE);
    }

    /** @param reference how the training rows were distributed, for drift monitoring; {@link FeatureProfile#NONE} if unknown */
    public RankerModel(List<String> features, String featureSchema, Map<String, String> modelTexts, FeatureProfile reference) {
        this.reference = reference;
        this.usedFeatures = usedFeatures(features, modelTexts);
        this.features = List.copyOf(features);
        this.featureSchema = featureSchema;
        this.modelTexts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelTexts));
        if (!modelTexts.isEmpty()) {
            NativeLibraries.lightGbm();
        }
        modelTexts.forEach((objective, text) -> {
            LightGbmModelText.problem(text).ifPresent(problem -> {
                throw new IllegalArgumentException("ranker model '" + objective + "' cannot be loaded: " + problem);
            });
            try {
                BoosterPool pool = new BoosterPool(text, Runtime.getRuntime().availableProcessors());
                boosters.put(objective, pool);
                CLEANER.register(this, pool::close);
            } catch (LGBMException e) {
                throw new IllegalArgumentException("ranker model '" + objective + "' cannot be loaded: " + e.getMessage(), e);
            }
        });
    }

    public boolean isEmpty() {
        return boosters.isEmpty();
    }

    public List<String> features() {
        return features;
    }

    /** Fingerprint of the feature list the models were trained on. */
    public String featureSchema() {
        return featureSchema;
    }

    /** The features some objective's trees split on: only these can move the score. */
    public Set<String> usedFeatures() {
        return usedFeatures;
    }

    private static Set<String> usedFeatures(List<String> features, Map<String, String> modelTexts) {
        BitSet used = new BitSet();
        modelTexts.values().forEach(text -> used.or(LightGbmModelText.splitFeatures(text)));
        Set<String> names = new LinkedHashSet<>();
        used.stream().filter(i -> i < features.size()).forEach(i -> names.add(features.get(i)));
        return Set.copyOf(names);
    }

    /** The training rows' distribution, against which serving's rows are compared. */
    public FeatureProfile reference() {
        return reference;
    }

    public Set<String> objectives() {
        return boosters.keySet();
    }

    public Map<String, String> modelTexts() {
        return modelTexts;
    }

    /** Scores of {@code rows} row-major rows. */
    public double[] predict(String objective, float[] rows, int count) {
        return run(objective, rows, count, PredictionType.C_API_PREDICT_NORMAL);
    }

    /** SHAP contributions: per row, one value per feature and the expected value last. */
    public double[] contributions(String objective, float[] rows, int count) {
        return run(objective, rows, count, PredictionType.C_API_PREDICT_CONTRIB);
    }

    private double[] run(String objective, float[] rows, int count, PredictionType type) {
        try {
            return boosters.get(objective).use(b -> b.predictForMat(rows, count, features.size(), true, type, PREDICT_PARAMS));
        } catch (LGBMException e) {
            throw new IllegalStateException("ranker '" + objective + "' failed (" + type + "): " + e.getMessage(), e);
        } finally {
            // The cleaner must not run while a call is under way, even if nothing else refers to the model.
            Reference.reachabilityFence(this);
        }
    }
}
