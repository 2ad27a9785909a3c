package io.sieve.rank;

import io.sieve.bundle.rank.RankerModel;
import io.sieve.feature.FeatureAssembler;
import io.sieve.feature.ItemStatistics;
import io.sieve.feature.Reasons;
import io.sieve.funnel.Candidate;
import io.sieve.funnel.Ranked;
import io.sieve.funnel.RequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LambdaMART over the feature store. The blend orders every candidate first; the learned models
 * then re-order the blend's best {@code candidates}: each objective's model scores them, scores are
 * standardised within the request (the objectives' raw scales are unrelated) and summed by the
 * configured weights. The shown items are explained by their SHAP contributions under the
 * heaviest objective. Without a usable model the blend's order stands, and the context says why.
 */
public final class LearnedRanker implements Ranker {
    private final BlendRanker firstPass;
    private final FeatureAssembler assembler;
    private final ItemStatistics statistics;
    private final Map<String, Double> weights;
    private final int candidates;
    private final RankingObserver observer;

    /**
     * @param weights  objective weights; objectives missing from a bundle's model are skipped
     * @param observer told what was scored for each request
     */
    public LearnedRanker(BlendRanker firstPass, FeatureAssembler assembler, ItemStatistics statistics,
                         Map<String, Double> weights, int candidates, RankingObserver observer) {
        this.observer = observer;
        this.firstPass = firstPass;
        this.assembler = assembler;
        this.statistics = statistics;
        this.weights = Map.copyOf(weights);
        this.candidates = candidates;
    }

    public FeatureAssembler assembler() {
        return assembler;
    }

    /** The candidates the models see, in first-pass order: the blend's best {@code candidates}. */
    public List<Candidate> firstPass(RequestContext context, List<Candidate> all) {
        List<Candidate> blended = firstPass.rank(context, all).candidates();
        return blended.subList(0, Math.min(candidates, blended.size()));
    }

    @Override
    public Ranked rank(RequestContext context, List<Candidate> all) {
        Ranked first = firstPass.rank(context, all);
        List<Candidate> blended = first.candidates();
        RankerModel model = context.bundle().ranker();
        if (model.isEmpty() || !model.featureSchema().equals(assembler.schema().fingerprint())) {
            return new Ranked(blended, model.isEmpty()
                    ? context.bundle().rankerWithheld().map(why -> "blend (ranker withheld by training: " + why + ")")
                            .orElse("blend (the model bundle has no ranker)")
                    : "blend (the bundle's ranker was trained on other features; retrain)", first.coldStart());
        }
        Map<String, Double> used = new LinkedHashMap<>();
        weights.forEach((objective, weight) -> {
            if (weight > 0 && model.objectives().contains(objective)) {
                used.put(objective, weight);
            }
        });
        if (used.isEmpty()) {
            return new Ranked(blended, "blend (no weighted objective has a model; the bundle has " + model.objectives() + ")",
                    first.coldStart());
        }
        List<Candidate> head = blended.subList(0, Math.min(candidates, blended.size()));
        int width = assembler.schema().size();
        float[] rows = assembler.assemble(context, head, statistics);
        Map<String, double[]> scores = new LinkedHashMap<>();
        used.keySet().forEach(objective -> scores.put(objective, model.predict(objective, rows, head.size())));
        observer.scored(model, rows, head.size(), scores);
        double[] total = ObjectiveMix.combine(scores, used);
        Integer[] order = new Integer[head.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable: where the models score candidates alike (trees give few distinct values), the
        // blend's finer order stands rather than an arbitrary one.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -total[i]));
        List<Candidate> ranked = new ArrayList<>(blended.size());
        for (int i : order) {
            Candidate c = head.get(i);
            ranked.add(c.withScore(total[i], c.reason()).withFeatures(Arrays.copyOfRange(rows, i * width, (i + 1) * width)));
        }
        explain(context, model, heaviest(used), ranked, Math.min(context.request().n(), ranked.size()));
        double floor = ranked.isEmpty() ? 0 : ranked.get(ranked.size() - 1).score();
        // Beyond the models' reach the blend's order stands, below every scored candidate.
        for (Candidate c : blended.subList(head.size(), blended.size())) {
            ranked.add(c.withScore(--floor, c.reason()));
        }
        return new Ranked(ranked, "learned " + used, first.coldStart());
    }

    /** Explains the first {@code shown} of {@code ranked} in place: their SHAP contributions and reasons. */
    private void explain(RequestContext context, RankerModel model, String objective, List<Candidate> ranked, int shown) {
        if (shown == 0) {
            return;
        }
        int width = assembler.schema().size();
        float[] rows = new float[shown * width];
        for (int i = 0; i < shown; i++) {
            System.arraycopy(ranked.get(i).features(), 0, rows, i * width, width);
        }
        double[] contributions = model.contributions(objective, rows, shown);
        // The model was trained on this schema (its fingerprint matched): its columns are these features.
        var reasons = new Reasons(context);
        for (int i = 0; i < shown; i++) {
            ranked.set(i, Explanations.explain(reasons, ranked.get(i), assembler.schema().features(), contributions,
                    i * (width + 1)));
        }
    }

    private static String heaviest(Map<String, Double> used) {
        return used.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
