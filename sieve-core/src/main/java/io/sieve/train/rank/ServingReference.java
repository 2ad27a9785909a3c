package io.sieve.train.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.rank.FeatureProfile;
import io.sieve.bundle.rank.RankerModel;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.store.Store;
import io.sieve.train.progress.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What drift is measured against: the rows the served pipeline hands the learned ranker at
 * training's moment, for the users with the most recent events, that is, what serving scores if
 * nothing changes after training. The ranker's own training rows would not do: held-out lists are
 * built at each user's past moments with part of the history held back, so recency and count
 * features differ from serving's by construction, and every one would look drifted on day one.
 */
public final class ServingReference {
    private static final Logger LOG = LoggerFactory.getLogger(ServingReference.class);
    private ServingReference() {
    }

    /** {@code bundle}'s ranker with its reference profile; a bundle without a ranker is returned as is. */
    public static ModelBundle attach(SieveConfig config, Store store, ModelBundle bundle) {
        RankerModel ranker = bundle.ranker();
        if (ranker.isEmpty()) {
            return bundle;
        }
        long start = System.nanoTime();
        String objective = heaviest(config, ranker);
        int width = ranker.features().size();
        List<float[]> rows = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        int[] count = {0};
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // No deadlines: a busy training machine must not skip a source or the ranker and change the profile.
            SieveConfig unhurried = ConfigLoader.withSettings(config, Map.of("retrieval.deadlineMs",
                    Integer.toString(Integer.MAX_VALUE), "ranking.deadlineMs", Integer.toString(Integer.MAX_VALUE)));
            Pipeline pipeline = PipelineFactory.create(unhurried, store, ItemStatistics.replayed(config, store), store, executor,
                    (model, scored, n, byObjective) -> {
                        synchronized (rows) {
                            rows.add(Arrays.copyOf(scored, n * width));
                            scores.add(Arrays.copyOf(byObjective.get(objective), n));
                            count[0] += n;
                        }
                    });
            List<String> users = sample(store, config.monitoring().drift().referenceUsers());
            try (Progress progress = Progress.start("drift reference", users.size(), "users")) {
                for (String user : users) {
                    pipeline.recommend(RecommendationRequest.forUser(user, config.server().defaultN()).build(), bundle);
                    progress.step();
                }
            }
        }
        if (count[0] == 0) {
            // Nothing to compare with: every serving row would look drifted against empty bins.
            LOG.warn("drift reference: the ranker scored no row for {} users; the bundle has none", rows.size());
            return bundle;
        }
        float[] all = new float[Math.multiplyExact(count[0], width)];
        double[] allScores = new double[count[0]];
        int at = 0;
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, at * width, rows.get(i).length);
            System.arraycopy(scores.get(i), 0, allScores, at, scores.get(i).length);
            at += scores.get(i).length;
        }
        FeatureProfile reference = FeatureProfile.of(ranker.features(), all, count[0], objective, allScores);
        LOG.info("drift reference: {} rows the ranker scored for {} users in {} ms", count[0], rows.size(),
                (System.nanoTime() - start) / 1_000_000);
        return bundle.withRanker(new RankerModel(ranker.features(), ranker.featureSchema(), ranker.modelTexts(), reference),
                bundle.manifest());
    }

    /** The objective the learned ranker weighs most, of those it has a model for: the score that is profiled. */
    private static String heaviest(SieveConfig config, RankerModel ranker) {
        return config.ranking().objectives().entrySet().stream().filter(e -> ranker.objectives().contains(e.getKey()))
                .max(Map.Entry.comparingByValue(Comparator.comparingDouble(SieveConfig.Objective::weight)))
                .map(Map.Entry::getKey).orElse(ranker.objectives().iterator().next());
    }

    /**
     * The {@code n} users with the most recent events (ties by id): serving's requests come from
     * active users, and a uniform sample of everyone who ever had an event is mostly dormant ones,
     * whose recency features would make serving look drifted from day one.
     */
    private static List<String> sample(Store store, int n) {
        Map<String, Instant> latest = new HashMap<>();
        store.forEachEvent(e -> latest.merge(e.user(), e.timestamp(), (a, b) -> a.isAfter(b) ? a : b));
        return latest.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }
}
