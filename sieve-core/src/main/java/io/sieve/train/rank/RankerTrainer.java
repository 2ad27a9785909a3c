package io.sieve.train.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.config.SieveConfig.Objective;
import io.sieve.feature.FeatureSchema;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.rank.RankerModel;
import io.sieve.retrieve.Candidate;
import io.sieve.store.InMemoryStore;
import io.sieve.store.Store;
import io.sieve.train.Trainer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the learned ranker: one LambdaMART model per weighted objective, on logged impressions
 * when enough exist, otherwise on history replayed point-in-time ({@link ReplayTrainingSet}).
 * Returns the models and a report (data used, held-out AUC against the blend, feature importance)
 * that goes into the bundle's manifest.
 */
public final class RankerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RankerTrainer.class);
    private static final int MIN_LISTS = 10;

    private final SieveConfig config;
    private final Clock clock;

    public RankerTrainer(SieveConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public record Result(RankerModel model, Map<String, Object> report) {
    }

    public Result train(Store store) {
        FeatureSchema schema = FeatureSchema.of(config);
        Map<String, Objective> objectives = new LinkedHashMap<>();
        config.ranking().objectives().forEach((name, o) -> {
            if (o.weight() > 0) {
                objectives.put(name, o);
            }
        });
        List<Event> events = new ArrayList<>();
        store.forEachEvent(events::add);
        List<Impression> impressions = new ArrayList<>();
        store.forEachImpression(impressions::add);

        var training = config.ranking().training();
        Map<String, Object> report = new LinkedHashMap<>();
        TrainingRows rows = new TrainingRows(schema.size(), List.copyOf(objectives.keySet()));
        Random split = new Random(training.seed());
        ImpressionTrainingSet logged = new ImpressionTrainingSet(config);
        List<Impression> usable = logged.usable(impressions, schema.fingerprint());
        if (usable.size() >= training.minImpressions()) {
            report.put("data", "logged impressions");
            logged.addTo(rows, usable, events, objectives, i -> split.nextDouble() < training.validationFraction());
        } else {
            report.put("data", "replayed history (" + usable.size() + " usable logged impressions, "
                    + training.minImpressions() + " needed)");
            replay(store, events, impressions, objectives, rows, split, report);
        }
        report.put("lists", rows.lists());
        report.put("rows", rows.rows());
        report.put("featureSchema", schema.fingerprint());

        TrainingRows.Part train = rows.part(false);
        TrainingRows.Part held = rows.part(true);
        LambdaMartTrainer trainer = new LambdaMartTrainer(training, schema.names(), schema.categorical());
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Object> perObjective = new LinkedHashMap<>();
        for (String objective : objectives.keySet()) {
            if (train.groups().length < MIN_LISTS || held.groups().length == 0
                    || train.positives(objective) == 0 || held.positives(objective) == 0) {
                perObjective.put(objective, "not trained: " + train.groups().length + " training and "
                        + held.groups().length + " held-out lists, " + train.positives(objective) + " and "
                        + held.positives(objective) + " relevant rows");
                continue;
            }
            LambdaMartTrainer.Trained t = trainer.train(objective, train, held);
            texts.put(objective, t.modelText());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trees", t.trees());
            r.put("heldOutNdcg@10", round(t.ndcg10()));
            r.put("blendNdcg@10", round(t.blendNdcg10()));
            r.put("heldOutAuc", round(t.auc()));
            r.put("blendAuc", round(t.blendAuc()));
            r.put("importance", t.importance());
            perObjective.put(objective, r);
            LOG.info("ranker objective {}: {} trees, held-out AUC {} (blend {})", objective, t.trees(),
                    round(t.auc()), round(t.blendAuc()));
        }
        report.put("objectives", perObjective);
        RankerModel model = texts.isEmpty() ? RankerModel.NONE
                : new RankerModel(schema.names(), schema.fingerprint(), texts);
        return new Result(model, report);
    }

    private void replay(Store store, List<Event> events, List<Impression> impressions, Map<String, Objective> objectives,
                        TrainingRows rows, Random split, Map<String, Object> report) {
        if (events.isEmpty()) {
            return;
        }
        ReplayTrainingSet replay = new ReplayTrainingSet(config);
        ReplayTrainingSet.Plan plan = "random".equals(config.ranking().training().labels())
                ? replay.random(events) : replay.temporal(events);
        InMemoryStore before = new InMemoryStore();
        List<io.sieve.model.Item> items = new ArrayList<>();
        store.forEachItem(items::add);
        before.putItems(items);
        List<io.sieve.model.User> users = new ArrayList<>();
        store.forEachUser(users::add);
        before.putUsers(users);
        before.appendEvents(plan.history());
        ModelBundle retrieval = new Trainer(config, clock).trainRetrieval(before);
        var training = config.ranking().training();
        int labelled = 0;
        int retrieved = 0;
        for (ReplayTrainingSet.Row row : replay.rows(before, retrieval, plan.statistics(), impressions, plan.requests())) {
            List<Candidate> candidates = row.candidates();
            int n = candidates.size();
            Map<String, int[]> labels = new LinkedHashMap<>();
            objectives.keySet().forEach(o -> labels.put(o, new int[n]));
            double[] baseline = new double[n];
            for (int i = 0; i < n; i++) {
                List<Event> onItem = row.request().labels().getOrDefault(candidates.get(i).itemId(), List.of());
                for (Map.Entry<String, Objective> o : objectives.entrySet()) {
                    labels.get(o.getKey())[i] = RankingLabels.grade(o.getValue(), config.types(), onItem);
                }
                baseline[i] = candidates.get(i).score();
                retrieved += onItem.isEmpty() ? 0 : 1;
            }
            labelled += row.request().labels().size();
            rows.addList(row.features(), labels, baseline, split.nextDouble() < training.validationFraction());
        }
        report.put("labels", plan.description());
        report.put("requests", plan.requests().size());
        // How much of what users did next the candidate lists contained: the ranker's ceiling.
        report.put("labelRecall", labelled == 0 ? 0 : round(retrieved / (double) labelled));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
