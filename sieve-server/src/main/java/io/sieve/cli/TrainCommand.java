package io.sieve.cli;

import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.store.Store;
import io.sieve.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a new model bundle from the store and make it the one to serve."
                + " A running server picks it up within server.bundlePollSeconds.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SieveConfig config = common.config();
        Path dataDir = common.dataDir();
        long start = System.nanoTime();
        // A snapshot, so that training works beside a running server that holds the store.
        try (Store store = Stores.openSnapshot(config, dataDir)) {
            ModelBundle bundle = train(config, store, dataDir);
            var m = bundle.manifest();
            spec.commandLine().getOut().printf("trained bundle %s in %.1f s: %,d events, %,d users, %,d items, %,d co-visitation pairs%n",
                    m.version(), (System.nanoTime() - start) / 1e9, m.events(), m.users(), m.items(),
                    bundle.coVisitation().neighbours().length);
            Object ranker = m.parameters().get("ranker");
            if (ranker != null) {
                spec.commandLine().getOut().print(describeRanker(ranker));
            }
            spec.commandLine().getOut().println("bundle: " + new BundleStore(dataDir).root().resolve(m.version()));
        }
        return 0;
    }

    /** Trains and publishes; shared with {@code sieve demo}. */
    static ModelBundle train(SieveConfig config, Store store, Path dataDir) {
        if (store.eventCount() == 0) {
            throw new UserError("the store in " + dataDir + " has no events: run 'sieve import' first");
        }
        Trainer trainer = new Trainer(config, Clock.systemUTC());
        ModelBundle bundle = trainer.train(store);
        trainer.publish(bundle, store, dataDir);
        return bundle;
    }

    /** The ranker's training report (from a manifest) as a few readable lines. */
    static String describeRanker(Object report) {
        if (!(report instanceof Map<?, ?> r)) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "ranker: trained on %s, %s lists, %s rows%n",
                r.get("data"), r.get("lists"), r.get("rows")));
        if (r.get("validation") instanceof Map<?, ?> validation) {
            out.append("  held-out lists, out of fold: NDCG@10 of the ranker (of the blend)\n");
            validation.forEach((kind, v) -> {
                if (v instanceof Map<?, ?> o) {
                    out.append(String.format(Locale.ROOT, "    %-8s %s (%s), gain %s +- %s, %s lists%n", kind,
                            o.get("rankerNdcg@10"), o.get("blendNdcg@10"), o.get("gain"), o.get("standardError"), o.get("lists")));
                }
            });
        }
        if (r.get("objectives") instanceof Map<?, ?> objectives) {
            objectives.forEach((name, o) -> {
                if (o instanceof Map<?, ?> t) {
                    out.append(String.format(Locale.ROOT, "  %-10s %s trees%n", name, t.get("trees")));
                    if (t.get("importance") instanceof Map<?, ?> importance) {
                        out.append("             top features by gain: ").append(importance.entrySet().stream().limit(8)
                                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
                    }
                } else {
                    out.append(String.format(Locale.ROOT, "  %-10s %s%n", name, o));
                }
            });
        }
        out.append(Boolean.TRUE.equals(r.get("served")) ? "ranker served: " : "ranker withheld, the blend orders the lists: ")
                .append(r.get("decision")).append('\n');
        return out.toString();
    }
}
