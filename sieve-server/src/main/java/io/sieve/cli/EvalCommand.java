package io.sieve.cli;

import io.sieve.config.ConfigLoader;
import io.sieve.config.RankingType;
import io.sieve.config.SieveConfig;
import io.sieve.eval.EvalReport;
import io.sieve.eval.Evaluator;
import io.sieve.eval.Split;
import io.sieve.eval.SplitProtocol;
import io.sieve.model.Item;
import io.sieve.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the configured pipeline offline on the events in the store: split, train, "
                + "recommend for every test user through the serving pipeline, and score.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Option(names = "--k", split = ",", defaultValue = "10", description = "Cut-offs, e.g. 10,20. Default: ${DEFAULT-VALUE}")
    List<Integer> ks;

    @Option(names = "--each-source", description = "Also evaluate every enabled source alone, one row each.")
    boolean eachSource;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration key for this run, e.g. --set training.coVisitation.window=20")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report to FILE: metric@K "
            + "curves per source, coverage against NDCG, popularity bias and the long tail, hit rate by position. Evaluates "
            + "every source alone too, and at K = 1, 5, 10, 20, 50 besides --k.")
    Path html;

    /** The cut-offs an HTML report draws its curves over, besides those asked for. */
    private static final List<Integer> REPORT_KS = List.of(1, 5, 10, 20, 50);

    @Option(names = "--clip", defaultValue = "100", description = "counterfactual: the largest importance weight. Default: ${DEFAULT-VALUE}")
    double clip;

    @Option(names = "--as-served", description = "Ask for every test user's list as a server started on the training"
            + " part answers it (item statistics from the whole store, the serving clock, lists logged as served),"
            + " which is what users get through the HTTP API; the replayed figure of the pipeline is shown beside it.")
    boolean asServed;

    @Override
    public Integer call() {
        // A generous deadline: evaluation must not depend on how busy the machine is.
        Map<String, String> overrides = new LinkedHashMap<>(Map.of("retrieval.deadlineMs", "600000",
                "ranking.deadlineMs", "600000"));
        overrides.putAll(settings);
        SieveConfig config = ConfigLoader.withSettings(common.config(), overrides);
        if (split.protocol == SplitOptions.Protocol.counterfactual) {
            return CounterfactualEval.run(config, common.dataDir(), clip, split.seed, spec.commandLine().getOut());
        }
        SplitProtocol chosen = split.protocol();
        EvaluationData data = EvaluationData.load(config, common.dataDir(), split.minValue);
        List<Item> items = data.items();
        long start = System.nanoTime();
        SplitProtocol protocol = chosen;
        Split parts = protocol.split(data.events(), config.types());
        // The first cut-off asked for leads: the popularity deciles are counted at it.
        List<Integer> evaluated = new ArrayList<>(ks);
        if (html != null) {
            REPORT_KS.stream().filter(k -> !evaluated.contains(k)).forEach(evaluated::add);
        }
        Evaluator evaluator = new Evaluator(items, data.users(), evaluated);
        Evaluator.Prepared prepared = evaluator.prepare(config, parts);
        List<EvalReport.Row> rows = new ArrayList<>();
        SieveConfig blend = ConfigLoader.withSettings(config, Map.of("ranking.type", "blend"));
        Evaluator.Mode mode = asServed ? Evaluator.Mode.AS_SERVED : Evaluator.Mode.REPLAYED;
        if (eachSource || html != null) {
            for (String source : enabledSources(config)) {
                rows.add(evaluator.evaluate(source, onlySource(blend, source), prepared, mode));
            }
        }
        boolean learned = config.ranking().type() == RankingType.learned;
        if (learned) {
            rows.add(evaluator.evaluate("retrieval blend", blend, prepared, mode));
        }
        String pipeline = !learned ? "pipeline (blend)"
                : prepared.bundle().ranker().isEmpty() ? "pipeline (ranker withheld: blend)" : "pipeline (learned ranker)";
        rows.add(evaluator.evaluate(pipeline + (asServed ? ", as served" : ""), config, prepared, mode));
        if (asServed) {
            rows.add(evaluator.evaluate(pipeline + ", replayed", config, prepared, Evaluator.Mode.REPLAYED));
        }
        var recall = evaluator.candidateRecall(config, prepared);
        EvalReport report = new EvalReport(common.dataDir().toString(), protocol.describe(), parts.train().size(),
                parts.relevant().size(), items.size(), rows, recall,
                learned ? prepared.bundle().manifest().parameters().get("ranker") : null, (System.nanoTime() - start) / 1e9);
        spec.commandLine().getOut().print(EvalTable.render(report, ks));
        if (html != null) {
            HtmlReport.write(html, "eval", "Sieve evaluation: " + report.dataset(), Map.of("mainK", ks.getFirst(),
                    "ks", evaluated.stream().sorted().toList(), "report", report,
                    "training", Map.of("popularityDeciles", prepared.trainingPopularityDeciles())));
            spec.commandLine().getOut().println("wrote " + html);
        }
        if (json != null) {
            try {
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return 0;
    }

    private static List<String> enabledSources(SieveConfig config) {
        return config.retrieval().sources().entrySet().stream()
                .filter(e -> e.getValue().enabled()).map(Map.Entry::getKey).toList();
    }

    private static SieveConfig onlySource(SieveConfig config, String keep) {
        Map<String, String> off = new LinkedHashMap<>();
        for (String source : enabledSources(config)) {
            off.put("retrieval.sources." + source + ".enabled", String.valueOf(source.equals(keep)));
        }
        // Alone, a source's blend weight only scales its scores; a configured 0 would erase its order.
        off.put("retrieval.sources." + keep + ".weight", "1");
        return ConfigLoader.withSettings(config, off);
    }
}
