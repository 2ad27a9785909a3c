package io.sieve.train.rank;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import io.sieve.config.SieveConfig.RankerTraining;
import io.sieve.feature.FeatureSchema;
import io.sieve.nativelib.NativeLibraries;
import io.sieve.train.progress.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Trains one objective's LambdaMART model with LightGBM, stopping when NDCG@10 on a separate set of
 * lists has not improved for {@code earlyStoppingRounds}, and scores lists with a trained model.
 */
final class LambdaMartTrainer {
    static {
        // Training in-process (tests, evaluation) must load LightGBM from Sieve's private location too.
        NativeLibraries.lightGbm();
    }

    private final RankerTraining settings;
    private final List<String> features;
    private final List<Integer> categorical;

    LambdaMartTrainer(RankerTraining settings, List<String> features, List<Integer> categorical) {
        this.settings = settings;
        this.features = features;
        this.categorical = categorical;
    }

    /** A trained objective: LightGBM's text model, its trees, and each feature's share of the gain. */
    record Trained(String modelText, int trees, Map<String, Double> importance) {
    }

    /** @param stop the lists early stopping watches; never the lists the model is judged on */
    Trained fit(String objective, TrainingRows.Part train, TrainingRows.Part stop) {
        String params = params();
        try (LGBMDataset trainSet = dataset(train, objective, params, null);
             LGBMDataset stopSet = dataset(stop, objective, params, trainSet);
             LGBMBooster booster = LGBMBooster.create(trainSet, params)) {
            booster.addValidData(stopSet);
            double best = Double.NEGATIVE_INFINITY;
            int bestTrees = 0;
            // Early stopping usually ends it before the bar is full.
            try (Progress progress = Progress.start("ranker " + objective, settings.trees(), "trees")) {
                for (int t = 1; t <= settings.trees(); t++, progress.step()) {
                    if (booster.updateOneIter()) {
                        break; // no further split improves the loss
                    }
                    double ndcg = booster.getEval(1)[0];
                    if (ndcg > best) {
                        best = ndcg;
                        bestTrees = t;
                    } else if (t - bestTrees >= settings.earlyStoppingRounds()) {
                        break;
                    }
                }
            }
            bestTrees = Math.max(bestTrees, 1);
            String text = booster.saveModelToString(0, bestTrees, LGBMBooster.FeatureImportanceType.GAIN);
            try (LGBMBooster model = LGBMBooster.loadModelFromString(text)) {
                return new Trained(text, bestTrees, importance(model.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN)));
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed to train '" + objective + "': " + e.getMessage(), e);
        }
    }

    /** The model's score of every row of {@code part}. */
    double[] predict(String modelText, TrainingRows.Part part) {
        if (part.rows() == 0) {
            return new double[0];
        }
        try (LGBMBooster model = LGBMBooster.loadModelFromString(modelText)) {
            return model.predictForMat(part.features(), part.rows(), features.size(), true, PredictionType.C_API_PREDICT_NORMAL);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed to score: " + e.getMessage(), e);
        }
    }

    private String params() {
        String cats = categorical.stream().map(String::valueOf).collect(Collectors.joining(","));
        // deterministic + a fixed seed + force_row_wise: the same data gives the same trees on any run.
        return "objective=lambdarank metric=ndcg eval_at=10 verbosity=-1 deterministic=true force_row_wise=true"
                + " num_threads=" + Runtime.getRuntime().availableProcessors()
                + " seed=" + settings.seed()
                + " num_leaves=" + settings.leaves()
                + " learning_rate=" + settings.learningRate()
                + " min_data_in_leaf=" + settings.minDataInLeaf()
                + (cats.isEmpty() ? "" : " categorical_feature=" + cats)
                + " monotone_constraints=" + monotone();
    }

    /**
     * All else equal, a candidate the blend scores higher never ranks lower: without this, trees
     * fitted to a few held-out labels per list bend the blend's score into a non-monotone step
     * function and undo the first stage's finer order (measured in BENCHMARKS.md).
     */
    private String monotone() {
        return features.stream().map(f -> switch (f) {
            case FeatureSchema.BLEND_SCORE -> "1";
            case FeatureSchema.BLEND_RANK -> "-1";
            default -> "0";
        }).collect(Collectors.joining(","));
    }

    private LGBMDataset dataset(TrainingRows.Part part, String objective, String params, LGBMDataset reference)
            throws LGBMException {
        LGBMDataset d = LGBMDataset.createFromMat(part.features(), part.rows(), features.size(), true, params, reference);
        d.setFeatureNames(features.toArray(String[]::new));
        d.setField("label", part.labels().get(objective));
        d.setField("group", part.groups());
        return d;
    }

    /** Share of the total gain per feature, largest first, features that never split left out. */
    private Map<String, Double> importance(double[] gain) {
        double total = Arrays.stream(gain).sum();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < gain.length; i++) {
            if (gain[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -gain[i]));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i : order) {
            out.put(features.get(i), Math.round(gain[i] / total * 10_000) / 10_000.0);
        }
        return out;
    }
}
