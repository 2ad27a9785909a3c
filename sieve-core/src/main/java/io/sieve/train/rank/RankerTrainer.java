package io.sieve.train.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.config.SieveConfig.Objective;
import io.sieve.feature.FeatureSchema;
import io.sieve.model.Impression;
import io.sieve.bundle.rank.RankerModel;
import io.sieve.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the learned ranker: one LambdaMART model per weighted objective, on logged impressions
 * when enough of them were engaged with, otherwise on lists built from held-out history
 * ({@link HeldOutLists}). Then it decides whether the ranker is served at all: only when, out of
 * fold, it ordered the lists better than the blend on every kind of list ({@link RankerValidation}).
 * Returns the models (none when the blend keeps the lists) and a report for the bundle's manifest.
 */
public final class RankerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RankerTrainer.class);
    private static final int MIN_LISTS = 10;

    private final SieveConfig config;
    private final Clock clock;
    private final Function<Store, ModelBundle> retrieval;

    /**
     * @param retrieval trains the retrieval models of a bundle from a store: the same code that
     *                  trains the served bundle, run for each cross-fitting fold
     */
    public RankerTrainer(SieveConfig config, Clock clock, Function<Store, ModelBundle> retrieval) {
        this.config = config;
        this.clock = clock;
        this.retrieval = retrieval;
    }

    /** @param served whether the bundle serves the model; when not, {@code model} is empty and {@code decision} says why */
    public record Result(RankerModel model, boolean served, String decision, Map<String, Object> report) {
    }

    public Result train(Store store) {
        FeatureSchema schema = FeatureSchema.of(config);
        Map<String, Objective> objectives = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        config.ranking().objectives().forEach((name, o) -> {
            if (o.weight() > 0) {
                objectives.put(name, o);
                weights.put(name, o.weight());
            }
        });
        List<Impression> impressions = new ArrayList<>();
        store.forEachImpression(impressions::add);

        var training = config.ranking().training();
        Map<String, Object> report = new LinkedHashMap<>();
        TrainingRows rows = new TrainingRows(schema.size(), List.copyOf(objectives.keySet()));
        ImpressionTrainingSet logged = new ImpressionTrainingSet(config);
        List<ImpressionTrainingSet.Labelled> slates = logged.labelled(impressions, store::forEachEvent, schema.fingerprint(), objectives);
        if (slates.size() >= training.minImpressions()) {
            report.put("data", "logged impressions (" + slates.size() + " engaged slates)");
            logged.addTo(rows, slates, training.folds());
        } else {
            HeldOutPlan plan = plan(store);
            if (plan.events() > 0) {
                report.put("data", "held-out history (" + slates.size() + " engaged logged slates, "
                        + training.minImpressions() + " needed to train on impressions)");
                HeldOutLists.Summary summary = new HeldOutLists(config, clock, retrieval).addTo(rows, store, plan, impressions, objectives);
                report.put("labels", training.labelFraction() + " of each sampled user's events held out, " + training.folds()
                        + " folds; trained on kinds " + training.kinds() + ", validated on " + List.of(HeldOutPlan.Kind.values()));
                // How much of what users did the candidate lists contained: the ranker's ceiling.
                report.put("labelRecall", RankerValidation.round(summary.labelRecall()));
            }
        }
        report.put("lists", rows.lists());
        report.put("rows", rows.rows());
        report.put("featureSchema", schema.fingerprint());

        LambdaMartTrainer trainer = new LambdaMartTrainer(training, schema.names(), schema.categorical());
        java.util.Set<String> learnedKinds = new java.util.HashSet<>(training.kinds().stream().map(Enum::name).toList());
        learnedKinds.add("logged");
        java.util.function.IntPredicate learnsFrom = g -> learnedKinds.contains(rows.info(g).kind());
        Map<String, String> texts = fit(rows, learnsFrom, objectives, trainer, report);
        // Serving skips an objective without a model, so validation judges what is served: the
        // trained objectives, by the labels of the heaviest of them.
        weights.keySet().retainAll(texts.keySet());
        String judged = weights.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        String decision;
        boolean served;
        if (texts.isEmpty()) {
            served = false;
            decision = "no objective could be trained";
        } else {
            List<RankerValidation.Outcome> outcomes = new RankerValidation(trainer, weights, training.validationFraction(),
                    training.seed()).crossFit(rows, learnsFrom, training.folds(), judged);
            Map<String, Object> validation = new LinkedHashMap<>();
            outcomes.forEach(o -> validation.put(o.kind(), o.report()));
            report.put("validation", validation);
            String verdict = RankerGate.verdict(outcomes);
            served = verdict == null || !config.ranking().gate();
            decision = verdict == null ? RankerGate.describe(outcomes)
                    : served ? "served although " + verdict + " (ranking.gate is off)" : verdict;
        }
        report.put("served", served);
        report.put("decision", decision);
        LOG.info("ranker {}: {}", served ? "served" : "withheld, the blend orders the lists", decision);
        RankerModel model = served ? new RankerModel(schema.names(), schema.fingerprint(), texts) : RankerModel.NONE;
        return new Result(model, served, decision, report);
    }

    /** The held-out lists to build; both kinds always, since the ranker is validated on both, whichever it learns from. */
    private HeldOutPlan plan(Store store) {
        var training = config.ranking().training();
        return HeldOutPlan.of(store::forEachEvent, config.types(), List.of(HeldOutPlan.Kind.values()), training.folds(),
                training.labelFraction(), training.maxRequests(), training.seed());
    }

    /** The final models, one per objective, on every list; early stopping watches a seeded share of them. */
    private Map<String, String> fit(TrainingRows rows, java.util.function.IntPredicate learnsFrom,
                                    Map<String, Objective> objectives, LambdaMartTrainer trainer, Map<String, Object> report) {
        var training = config.ranking().training();
        Random random = new Random(training.seed());
        boolean[] stop = new boolean[rows.lists()];
        for (int g = 0; g < stop.length; g++) {
            stop[g] = random.nextDouble() < training.validationFraction();
        }
        TrainingRows.Part train = rows.part(g -> learnsFrom.test(g) && !stop[g]);
        TrainingRows.Part watch = rows.part(g -> learnsFrom.test(g) && stop[g]);
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Object> perObjective = new LinkedHashMap<>();
        for (String objective : objectives.keySet()) {
            if (!trainable(train, watch, objective)) {
                perObjective.put(objective, String.format(Locale.ROOT, "not trained: %d training and %d early-stopping lists,"
                        + " %d and %d relevant rows", train.groups().length, watch.groups().length,
                        train.positives(objective), watch.positives(objective)));
                continue;
            }
            LambdaMartTrainer.Trained t = trainer.fit(objective, train, watch);
            texts.put(objective, t.modelText());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trees", t.trees());
            r.put("importance", t.importance());
            perObjective.put(objective, r);
            LOG.info("ranker objective {}: {} trees; top features {}", objective, t.trees(),
                    t.importance().keySet().stream().limit(5).collect(Collectors.joining(", ")));
        }
        report.put("objectives", perObjective);
        return texts;
    }

    /** Whether an objective has enough lists, and relevant rows on both sides, to be trained. */
    static boolean trainable(TrainingRows.Part train, TrainingRows.Part watch, String objective) {
        return train.groups().length >= MIN_LISTS && watch.groups().length > 0
                && train.positives(objective) > 0 && watch.positives(objective) > 0;
    }
}
