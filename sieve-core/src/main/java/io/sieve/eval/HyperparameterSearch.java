package io.sieve.eval;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import java.time.Duration;
import java.util.ArrayList;
import io.sieve.train.cf.ModelFamilies;
import io.sieve.train.cf.ModelFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random search with local refinement: the first half of the budget samples the space, the rest
 * perturbs the best point so far. Each trial trains the model on the training part of a
 * validation split and scores that model's source alone.
 */
public final class HyperparameterSearch {
    /** One evaluated configuration. */
    public record Trial(int number, Map<String, String> settings, double score, double seconds) {
    }

    private final SearchSpace space;
    private final String metric;
    private final Evaluator evaluator;
    private final Split validation;

    public HyperparameterSearch(SearchSpace space, String metric, Evaluator evaluator, Split validation) {
        this.space = space;
        this.metric = metric;
        this.evaluator = evaluator;
        this.validation = validation;
    }

    /** Runs until {@code trials} are done or {@code budget} has passed, whichever is first. */
    public List<Trial> run(SieveConfig base, int trials, Duration budget, long seed, Consumer<Trial> onTrial) {
        SieveConfig onlySource = isolate(base);
        SplittableRandom random = new SplittableRandom(seed);
        List<Trial> done = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        Trial best = null;
        for (int n = 1; n <= trials && System.nanoTime() < deadline; n++) {
            Map<String, String> point = best == null || n <= (trials + 1) / 2
                    ? space.sample(random) : space.perturb(best.settings(), random);
            long start = System.nanoTime();
            SieveConfig config = ConfigLoader.withSettings(onlySource, point);
            EvalReport.Row row = evaluator.evaluate(space.source(), config, evaluator.prepare(config, validation));
            Double score = row.metrics().get(metric);
            if (score == null) {
                throw new IllegalArgumentException("unknown metric " + metric + "; known: " + row.metrics().keySet());
            }
            Trial trial = new Trial(n, point, score, (System.nanoTime() - start) / 1e9);
            done.add(trial);
            onTrial.accept(trial);
            if (best == null || trial.score() > best.score()) {
                best = trial;
            }
        }
        return done;
    }

    /** Only the tuned model is trained and only its source answers, so trials are fast and comparable. */
    private SieveConfig isolate(SieveConfig base) {
        Map<String, String> settings = new LinkedHashMap<>();
        base.retrieval().sources().keySet().forEach(source ->
                settings.put("retrieval.sources." + source + ".enabled", String.valueOf(source.equals(space.source()))));
        for (ModelFamily family : ModelFamilies.all()) {
            settings.put("training." + family.name() + ".enabled", String.valueOf(family.name().equals(space.source())));
        }
        settings.put("retrieval.sources." + space.source() + ".weight", "1");
        settings.put("retrieval.deadlineMs", "600000");
        settings.put("ranking.type", "blend");
        return ConfigLoader.withSettings(base, settings);
    }
}
