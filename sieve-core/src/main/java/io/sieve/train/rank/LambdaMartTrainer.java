package io.sieve.train.rank;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import io.sieve.config.SieveConfig.RankerTraining;
import io.sieve.eval.RankingMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Trains one objective's LambdaMART model with LightGBM, stopping when NDCG@10 on the held-out
 * lists has not improved for {@code earlyStoppingRounds}, and measures the result on those lists:
 * the mean per-list AUC of the model and of the blend it replaces, and gain feature importance.
 */
final class LambdaMartTrainer {
    private final RankerTraining settings;
    private final List<String> features;
    private final List<Integer> categorical;

    LambdaMartTrainer(RankerTraining settings, List<String> features, List<Integer> categorical) {
        this.settings = settings;
        this.features = features;
        this.categorical = categorical;
    }

    /** A trained objective and what it scored on the held-out lists. */
    record Trained(String modelText, int trees, double ndcg10, double blendNdcg10, double auc, double blendAuc,
                   Map<String, Double> importance) {
    }

    Trained train(String objective, TrainingRows.Part train, TrainingRows.Part held) {
        String params = params();
        try (LGBMDataset trainSet = dataset(train, objective, params, null);
             LGBMDataset heldSet = dataset(held, objective, params, trainSet);
             LGBMBooster booster = LGBMBooster.create(trainSet, params)) {
            booster.addValidData(heldSet);
            double best = Double.NEGATIVE_INFINITY;
            int bestTrees = 0;
            for (int t = 1; t <= settings.trees(); t++) {
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
            bestTrees = Math.max(bestTrees, 1);
            String text = booster.saveModelToString(0, bestTrees, LGBMBooster.FeatureImportanceType.GAIN);
            try (LGBMBooster model = LGBMBooster.loadModelFromString(text)) {
                double[] scores = model.predictForMat(held.features(), held.rows(), features.size(), true,
                        com.microsoft.ml.lightgbm.PredictionType.C_API_PREDICT_NORMAL);
                double[] gain = model.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
                return new Trained(text, bestTrees, meanListNdcg(scores, held, objective),
                        meanListNdcg(held.baseline(), held, objective), meanListAuc(scores, held, objective),
                        meanListAuc(held.baseline(), held, objective), importance(gain));
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed to train '" + objective + "': " + e.getMessage(), e);
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
                + (cats.isEmpty() ? "" : " categorical_feature=" + cats);
    }

    private LGBMDataset dataset(TrainingRows.Part part, String objective, String params, LGBMDataset reference)
            throws LGBMException {
        LGBMDataset d = LGBMDataset.createFromMat(part.features(), part.rows(), features.size(), true, params, reference);
        d.setFeatureNames(features.toArray(String[]::new));
        d.setField("label", part.labels().get(objective));
        d.setField("group", part.groups());
        return d;
    }

    private static double meanListAuc(double[] scores, TrainingRows.Part part, String objective) {
        float[] labels = part.labels().get(objective);
        double sum = 0;
        int counted = 0;
        int from = 0;
        for (int size : part.groups()) {
            double auc = RankingMetrics.auc(scores, labels, from, from + size);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
            from += size;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** Mean NDCG@10 over the lists, with LightGBM's gains (2^grade - 1); lists without a relevant row count 1, as LightGBM counts them. */
    private static double meanListNdcg(double[] scores, TrainingRows.Part part, String objective) {
        float[] labels = part.labels().get(objective);
        double sum = 0;
        int from = 0;
        for (int size : part.groups()) {
            int start = from;
            Integer[] byScore = new Integer[size];
            Integer[] byLabel = new Integer[size];
            for (int i = 0; i < size; i++) {
                byScore[i] = start + i;
                byLabel[i] = start + i;
            }
            Arrays.sort(byScore, Comparator.comparingDouble((Integer i) -> -scores[i]));
            Arrays.sort(byLabel, Comparator.comparingDouble((Integer i) -> -labels[i]));
            double dcg = 0;
            double ideal = 0;
            for (int r = 0; r < Math.min(10, size); r++) {
                dcg += (Math.pow(2, labels[byScore[r]]) - 1) / (Math.log(r + 2) / Math.log(2));
                ideal += (Math.pow(2, labels[byLabel[r]]) - 1) / (Math.log(r + 2) / Math.log(2));
            }
            sum += ideal > 0 ? dcg / ideal : 1;
            from += size;
        }
        return part.groups().length == 0 ? Double.NaN : sum / part.groups().length;
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
