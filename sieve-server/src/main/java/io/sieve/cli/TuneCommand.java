package io.sieve.cli;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.eval.Evaluator;
import io.sieve.eval.HyperparameterSearch;
import io.sieve.eval.SearchSpace;
import io.sieve.eval.Split;
import io.sieve.eval.StratifiedRandomSplit;
import io.sieve.model.Event;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Search a model's hyper-parameters on a validation split and write the best into a config file.",
            "The evaluation split (--protocol, --ratio, --seed, as for 'sieve eval') is made first and its test part "
                    + "is set aside unseen; the validation split is carved from its training part only, so a later "
                    + "'sieve eval' with the same split measures the tuned model on data tuning never saw."})
final class TuneCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    SplitOptions split;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a model family (built in: als, bpr, ease, cleora, twoTower) or covisitation")
    String model;

    @Option(names = "--trials", defaultValue = "20", description = "At most this many trials. Default: ${DEFAULT-VALUE}")
    int trials;

    @Option(names = "--minutes", defaultValue = "30", description = "At most this long. Default: ${DEFAULT-VALUE}")
    double minutes;

    @Option(names = "--metric", defaultValue = "NDCG@10", description = "What to maximise. Default: ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--validation-ratio", defaultValue = "0.8",
            description = "Share of each user's training events that trains a trial; the rest validates. Default: ${DEFAULT-VALUE}")
    double validationRatio;

    @Option(names = "--write", paramLabel = "FILE",
            description = "Write the best settings into this YAML config (created, or merged into what it has).")
    Path write;

    @Override
    public Integer call() {
        SieveConfig config = common.config();
        SearchSpace space;
        try {
            space = SearchSpace.forModel(model);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        EvaluationData data = EvaluationData.load(config, common.dataDir(), split.minValue);
        Split outer = split.protocol().split(data.events(), config.types());
        List<Event> trainOnly = outer.train();
        Split validation = new StratifiedRandomSplit(validationRatio, split.seed + 1).split(trainOnly, config.types());
        int k = Integer.parseInt(metric.substring(metric.indexOf('@') + 1));
        Evaluator evaluator = new Evaluator(data.items(), data.users(), List.of(k));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("tuning %s on %,d training events of %s (test part set aside), maximising %s%n",
                model, trainOnly.size(), split.protocol().describe(), metric);
        List<HyperparameterSearch.Trial> done = new HyperparameterSearch(space, metric, evaluator, validation)
                .run(config, trials, Duration.ofSeconds(Math.round(minutes * 60)), split.seed, trial -> {
                    out.printf(Locale.ROOT, "  trial %2d  %s %.4f  %5.1f s  %s%n", trial.number(), metric, trial.score(),
                            trial.seconds(), trial.settings());
                    out.flush();
                });
        HyperparameterSearch.Trial best = done.stream().max(Comparator.comparingDouble(HyperparameterSearch.Trial::score))
                .orElseThrow(() -> new UserError("no trial finished within the time budget"));
        out.printf(Locale.ROOT, "best: trial %d, %s %.4f: %s%n", best.number(), metric, best.score(), best.settings());
        if (write != null) {
            ConfigLoader.writeSettings(write, best.settings());
            out.println("written to " + write);
        }
        return 0;
    }
}
