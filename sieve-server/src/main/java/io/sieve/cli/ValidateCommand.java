package io.sieve.cli;

import io.sieve.bundle.BundleStore;
import io.sieve.config.ConfigException;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.experiment.VariantPipelines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the configuration (defaults + file + SIEVE_* variables) and explain any mistake.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--print", description = "Print the effective configuration as YAML.")
    boolean print;

    /**
     * A variant that pins a bundle needs it published in the data directory, with a ranker trained
     * on the features the variant ranks with; the rest of the feature check needs no bundle.
     */
    private List<String> pinnedBundleProblems(SieveConfig config) {
        BundleStore bundles = new BundleStore(common.dataDir());
        Map<String, String> schemas = new HashMap<>();
        List<String> problems = new ArrayList<>();
        config.experiments().forEach((name, e) -> e.variants().forEach((variant, v) -> {
            if (v.bundle() != null && !schemas.containsKey(v.bundle())) {
                try {
                    schemas.put(v.bundle(), bundles.load(v.bundle()).ranker().featureSchema());
                } catch (RuntimeException ex) {
                    problems.add("experiments." + name + ".variants." + variant + ".bundle: cannot load bundle '" + v.bundle()
                            + "' from " + bundles.root() + ": " + ex.getMessage());
                }
            }
        }));
        if (problems.isEmpty()) {
            problems.addAll(VariantPipelines.schemaProblems(config, schemas::get));
        }
        return problems;
    }

    @Override
    public Integer call() {
        SieveConfig config = common.config();
        List<String> pinned = pinnedBundleProblems(config);
        if (!pinned.isEmpty()) {
            throw new ConfigException(pinned);
        }
        spec.commandLine().getOut().println("configuration is valid");
        config.experiments().forEach((name, e) -> spec.commandLine().getOut().printf(Locale.ROOT,
                "experiment %s: %s, layer %s, %.0f%% of users, variants %s%n", name, e.kind(), e.layerOr(name), 100 * e.traffic(),
                e.variants().keySet()));
        if (print) {
            spec.commandLine().getOut().print(ConfigLoader.toYaml(config));
        }
        return 0;
    }
}
