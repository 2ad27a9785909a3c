package io.sieve.rank;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learned ranker's models: one LightGBM LambdaMART booster per objective, all over the same
 * feature list. Part of a model bundle; boosters hold native memory, freed once the bundle that
 * owns them is no longer reachable (a swapped-out bundle may still serve requests in flight, so
 * nothing closes them eagerly).
 */
public final class RankerModel {
    public static final RankerModel NONE = new RankerModel(List.of(), "", Map.of());
    private static final Cleaner CLEANER = Cleaner.create();
    /** One thread per prediction: requests already run in parallel, and OpenMP's start-up costs more than 500 rows. */
    private static final String PREDICT_PARAMS = "num_threads=1";

    private final List<String> features;
    private final String featureSchema;
    private final Map<String, String> modelTexts;
    private final Map<String, LGBMBooster> boosters = new LinkedHashMap<>();

    /** @param modelTexts each objective's model in LightGBM's text format */
    public RankerModel(List<String> features, String featureSchema, Map<String, String> modelTexts) {
        this.features = List.copyOf(features);
        this.featureSchema = featureSchema;
        this.modelTexts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelTexts));
        modelTexts.forEach((objective, text) -> {
            try {
                LGBMBooster booster = LGBMBooster.loadModelFromString(text);
                boosters.put(objective, booster);
                CLEANER.register(this, () -> close(booster));
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
            return boosters.get(objective).predictForMat(rows, count, features.size(), true, type, PREDICT_PARAMS);
        } catch (LGBMException e) {
            throw new IllegalStateException("ranker '" + objective + "' failed (" + type + "): " + e.getMessage(), e);
        }
    }

    private static void close(LGBMBooster booster) {
        try {
            booster.close();
        } catch (LGBMException e) {
            // Freeing at collection time: nothing is left to recover.
        }
    }
}
