package io.sieve.train.rank;

import io.sieve.rank.ObjectiveMix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Whether the learned ranker orders lists better than the blend it would replace, measured out of
 * fold: for each fold, models trained on the other folds' lists order this fold's lists, combined
 * across objectives as serving combines them, and both orders are scored by NDCG@10 as served
 * lists are. Every list is judged by models that never saw it, built by retrieval that never saw
 * its labels.
 */
final class RankerValidation {
    /** One kind of list (or all of them): the mean NDCG@10 of both orders and the paired gain with its standard error. */
    record Outcome(String kind, int lists, double ranker, double blend, double gain, double standardError) {
        Map<String, Object> report() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("lists", lists);
            out.put("rankerNdcg@10", round(ranker));
            out.put("blendNdcg@10", round(blend));
            out.put("gain", round(gain));
            out.put("standardError", round(standardError));
            return out;
        }
    }

    private final LambdaMartTrainer trainer;
    private final Map<String, Double> weights;
    private final double stopFraction;
    private final long seed;

    /**
     * @param weights      the weighted objectives, as serving combines them
     * @param stopFraction share of a fold's training lists that early stopping watches
     */
    RankerValidation(LambdaMartTrainer trainer, Map<String, Double> weights, double stopFraction, long seed) {
        this.trainer = trainer;
        this.weights = Map.copyOf(weights);
        this.stopFraction = stopFraction;
        this.seed = seed;
    }

    /**
     * @param learnsFrom which lists (by index) models may be trained on; every list is judged
     * @param judged     the objective whose labels judge an order (the heaviest)
     * @return one outcome per kind of list, then one over all lists
     */
    List<Outcome> crossFit(TrainingRows rows, java.util.function.IntPredicate learnsFrom, int folds, String judged) {
        int lists = rows.lists();
        double[] ranker = new double[lists];
        double[] blend = new double[lists];
        Arrays.fill(ranker, Double.NaN);
        Arrays.fill(blend, Double.NaN);
        for (int fold = 0; fold < folds; fold++) {
            int f = fold;
            Random random = new Random(seed * 31 + fold);
            boolean[] stop = new boolean[lists];
            for (int g = 0; g < lists; g++) {
                stop[g] = rows.info(g).fold() != f && learnsFrom.test(g) && random.nextDouble() < stopFraction;
            }
            List<Integer> tested = new ArrayList<>();
            for (int g = 0; g < lists; g++) {
                if (rows.info(g).fold() == f) {
                    tested.add(g);
                }
            }
            TrainingRows.Part test = rows.part(g -> rows.info(g).fold() == f);
            TrainingRows.Part train = rows.part(g -> rows.info(g).fold() != f && learnsFrom.test(g) && !stop[g]);
            TrainingRows.Part watch = rows.part(g -> stop[g]);
            Map<String, double[]> scores = new LinkedHashMap<>();
            for (String objective : weights.keySet()) {
                if (RankerTrainer.trainable(train, watch, objective)) {
                    scores.put(objective, trainer.predict(trainer.fit(objective, train, watch).modelText(), test));
                }
            }
            if (scores.isEmpty() || test.rows() == 0) {
                continue;
            }
            double[] served = combinePerList(test, scores);
            double[] byRanker = ListNdcg.perList(test, served, judged);
            double[] byBlend = ListNdcg.perList(test, null, judged);
            for (int i = 0; i < tested.size(); i++) {
                ranker[tested.get(i)] = byRanker[i];
                blend[tested.get(i)] = byBlend[i];
            }
        }
        List<String> kinds = new ArrayList<>();
        for (int g = 0; g < lists; g++) {
            if (!kinds.contains(rows.info(g).kind())) {
                kinds.add(rows.info(g).kind());
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (String kind : kinds) {
            out.add(outcome(kind, rows, ranker, blend, kind));
        }
        out.add(outcome("all", rows, ranker, blend, null));
        return out;
    }

    /** Each list's objective scores combined as {@link io.sieve.rank.LearnedRanker} combines them for a request. */
    private double[] combinePerList(TrainingRows.Part part, Map<String, double[]> scores) {
        double[] out = new double[part.rows()];
        int from = 0;
        for (int size : part.groups()) {
            Map<String, double[]> list = new LinkedHashMap<>();
            int start = from;
            scores.forEach((objective, s) -> list.put(objective, Arrays.copyOfRange(s, start, start + size)));
            System.arraycopy(ObjectiveMix.combine(list, weights), 0, out, from, size);
            from += size;
        }
        return out;
    }

    private static Outcome outcome(String name, TrainingRows rows, double[] ranker, double[] blend, String kind) {
        double sumRanker = 0;
        double sumBlend = 0;
        List<Double> gains = new ArrayList<>();
        for (int g = 0; g < ranker.length; g++) {
            if ((kind == null || kind.equals(rows.info(g).kind())) && !Double.isNaN(ranker[g])) {
                sumRanker += ranker[g];
                sumBlend += blend[g];
                gains.add(ranker[g] - blend[g]);
            }
        }
        int n = gains.size();
        if (n == 0) {
            return new Outcome(name, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double gain = gains.stream().mapToDouble(Double::doubleValue).sum() / n;
        double variance = n < 2 ? Double.NaN
                : gains.stream().mapToDouble(d -> (d - gain) * (d - gain)).sum() / (n - 1);
        return new Outcome(name, n, sumRanker / n, sumBlend / n, gain, Math.sqrt(variance / n));
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
