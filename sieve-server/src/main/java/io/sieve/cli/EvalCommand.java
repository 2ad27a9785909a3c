package io.sieve.cli;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.eval.EvalReport;
import io.sieve.eval.Evaluator;
import io.sieve.eval.LeaveLastOutSplit;
import io.sieve.eval.Split;
import io.sieve.eval.SplitProtocol;
import io.sieve.eval.StrongGeneralizationSplit;
import io.sieve.eval.StratifiedRandomSplit;
import io.sieve.eval.TemporalSplit;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Json;
import io.sieve.store.RocksStore;
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
    enum Protocol { stratified, temporal, leave_last_out, strong }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "stratified",
            description = "stratified (per-user random), temporal (global time cut), leave_last_out, "
                    + "strong (held-out users). Default: ${DEFAULT-VALUE}")
    Protocol protocol;

    @Option(names = "--ratio", description = "Training share: per user (stratified, default 0.75) or of all events (temporal, default 0.8).")
    Double ratio;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--held-out-users", defaultValue = "0.2",
            description = "strong: users held out of training, a fraction (<1) or a count. Default: ${DEFAULT-VALUE}")
    double heldOutUsers;

    @Option(names = "--fold-in", defaultValue = "0.8",
            description = "strong: share of a held-out user's events given as history. Default: ${DEFAULT-VALUE}")
    double foldIn;

    @Option(names = "--k", split = ",", defaultValue = "10", description = "Cut-offs, e.g. 10,20. Default: ${DEFAULT-VALUE}")
    List<Integer> ks;

    @Option(names = "--each-source", description = "Also evaluate every enabled source alone, one row each.")
    boolean eachSource;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration key for this run, e.g. --set training.coVisitation.window=20")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    @Override
    public Integer call() {
        // A generous deadline: evaluation must not depend on how busy the machine is.
        Map<String, String> overrides = new LinkedHashMap<>(Map.of("retrieval.deadlineMs", "600000"));
        overrides.putAll(settings);
        SieveConfig config = ConfigLoader.withSettings(common.config(), overrides);
        List<Item> items = new ArrayList<>();
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try (RocksStore store = TrainCommand.openSnapshot(common.dataDir())) {
            store.forEachItem(items::add);
            store.forEachUser(users::add);
            store.forEachEvent(events::add);
        }
        if (events.isEmpty()) {
            throw new UserError("the store in " + common.dataDir() + " has no events: run 'sieve import' first");
        }
        long start = System.nanoTime();
        SplitProtocol split = protocol();
        Split parts = split.split(events, config.types());
        Evaluator evaluator = new Evaluator(items, users, ks);
        Evaluator.Prepared prepared = evaluator.prepare(config, parts);
        List<EvalReport.Row> rows = new ArrayList<>();
        if (eachSource) {
            for (String source : enabledSources(config)) {
                rows.add(evaluator.evaluate(source, onlySource(config, source), prepared));
            }
        }
        rows.add(evaluator.evaluate("pipeline (blend)", config, prepared));
        var recall = evaluator.candidateRecall(config, prepared);
        EvalReport report = new EvalReport(common.dataDir().toString(), split.describe(), parts.train().size(),
                parts.relevant().size(), items.size(), rows, recall, (System.nanoTime() - start) / 1e9);
        spec.commandLine().getOut().print(EvalTable.render(report, ks));
        if (json != null) {
            try {
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return 0;
    }

    private SplitProtocol protocol() {
        return switch (protocol) {
            case stratified -> new StratifiedRandomSplit(ratio != null ? ratio : 0.75, seed);
            case temporal -> new TemporalSplit(ratio != null ? ratio : 0.8);
            case leave_last_out -> new LeaveLastOutSplit();
            case strong -> new StrongGeneralizationSplit(heldOutUsers, foldIn, seed);
        };
    }

    private static List<String> enabledSources(SieveConfig config) {
        var s = config.retrieval().sources();
        List<String> names = new ArrayList<>();
        if (s.covisitation().enabled()) {
            names.add("covisitation");
        }
        if (s.session().enabled()) {
            names.add("session");
        }
        if (s.popularity().enabled()) {
            names.add("popularity");
        }
        if (s.trending().enabled()) {
            names.add("trending");
        }
        if (s.segment().enabled()) {
            names.add("segment");
        }
        return names;
    }

    private static SieveConfig onlySource(SieveConfig config, String keep) {
        Map<String, String> off = new LinkedHashMap<>();
        for (String source : enabledSources(config)) {
            if (!source.equals(keep)) {
                off.put("retrieval.sources." + source + ".enabled", "false");
            }
        }
        return ConfigLoader.withSettings(config, off);
    }
}
