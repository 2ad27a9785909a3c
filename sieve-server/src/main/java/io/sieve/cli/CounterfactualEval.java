package io.sieve.cli;

import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.eval.CounterfactualReplay;
import io.sieve.eval.OffPolicyEstimators;
import io.sieve.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code sieve eval --protocol counterfactual --config candidate.yaml}: the candidate's clicks per
 * list estimated from the logged impressions, without showing it to anyone.
 */
final class CounterfactualEval {
    private static final int RESAMPLES = 200;

    private CounterfactualEval() {
    }

    static int run(SieveConfig candidate, Path dataDir, double clip, long seed, PrintWriter out) {
        BundleStore bundles = new BundleStore(dataDir);
        String version = bundles.currentVersion().orElseThrow(() -> new UserError("no published bundle in " + dataDir
                + ": run 'sieve train' first"));
        ModelBundle bundle = bundles.load(version);
        List<OffPolicyEstimators.LoggedSlate> slates;
        try (Store store = Stores.openSnapshot(candidate, dataDir)) {
            slates = CounterfactualReplay.slates(candidate, store, bundle);
        }
        if (slates.isEmpty()) {
            throw new UserError("the store holds no served lists: the counterfactual protocol reads the impressions a server logged");
        }
        OffPolicyEstimators.Result r = OffPolicyEstimators.estimate(slates, clip, RESAMPLES, seed);
        out.printf(Locale.ROOT, "counterfactual evaluation of the configuration on %,d logged lists (bundle %s)%n", r.slates(), version);
        out.printf(Locale.ROOT, "logged: %.4f clicks per list%n", r.loggedCtr());
        out.printf(Locale.ROOT, "%-6s %10s   95%% bootstrap interval%n", "", "estimate");
        print(out, "IPS", r.ips());
        print(out, "SNIPS", r.snips());
        print(out, "DR", r.doublyRobust());
        out.printf(Locale.ROOT, "effective sample size %.0f; the candidate agrees with the log on %.1f%% of positions; weights clipped at %.0f%n",
                r.effectiveSampleSize(), 100 * r.support(), r.clip());
        r.warnings().forEach(w -> out.println("warning: " + w));
        return 0;
    }

    private static void print(PrintWriter out, String name, OffPolicyEstimators.Estimate e) {
        out.printf(Locale.ROOT, "%-6s %10.4f   [%.4f, %.4f]%n", name, e.value(), e.low(), e.high());
    }
}
