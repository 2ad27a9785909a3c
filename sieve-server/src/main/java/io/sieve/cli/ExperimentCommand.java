package io.sieve.cli;

import io.sieve.config.SieveConfig;
import io.sieve.experiment.ExperimentAnalysis;
import io.sieve.experiment.ExperimentResults;
import io.sieve.experiment.stats.PowerAnalysis;
import io.sieve.store.Json;
import io.sieve.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve experiment report|power}: read an experiment's results, or plan one's size. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "A/B experiments: results from the logs (report) and the users a test needs (power).",
        subcommands = {ExperimentCommand.Report.class, ExperimentCommand.Power.class, CommandLine.HelpCommand.class})
final class ExperimentCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "An experiment's results from the store's impressions and events; works beside a running server.")
    static final class Report implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The experiment (experiments.<NAME> in the config, or holdout).")
        String name;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report here.")
        Path html;

        @Option(names = "--json", description = "Print the results as JSON (as GET /v1/experiments/NAME/results) instead of a table.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            SieveConfig config = common.config();
            ExperimentResults results;
            try (Store store = Stores.openSnapshot(config, common.dataDir())) {
                ExperimentAnalysis analysis = new ExperimentAnalysis(config, store);
                results = analysis.results(name).orElseThrow(() -> new UserError("no experiment is called '" + name
                        + "'; configured: " + analysis.experiments().keySet()));
            }
            var out = spec.commandLine().getOut();
            out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n"
                    : ExperimentReport.text(results));
            if (html != null) {
                HtmlReport.write(html, "experiment", "Experiment " + name, Map.of("results", results));
                out.println("wrote " + html);
            }
            return 0;
        }
    }

    @Command(name = "power", mixinStandardHelpOptions = true,
            description = "Users per variant (and days) a test needs to detect a relative change in a rate.")
    static final class Power implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--baseline-rate", required = true, paramLabel = "RATE", description = "The control's rate, e.g. 0.05 for 5% CTR.")
        double baselineRate;

        @Option(names = "--mde", required = true, paramLabel = "LIFT", description = "Smallest relative lift worth detecting, e.g. 0.05 for +5%.")
        double mde;

        @Option(names = "--alpha", defaultValue = "0.05", description = "Two-sided significance level (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--power", defaultValue = "0.8", description = "Chance of detecting the lift if it is real (default ${DEFAULT-VALUE}).")
        double power;

        @Option(names = "--variants", defaultValue = "2", description = "Variants, control included (default ${DEFAULT-VALUE}).")
        int variants;

        @Option(names = "--daily-users", paramLabel = "N", description = "New users entering the test per day, to estimate its length.")
        long dailyUsers;

        @Override
        public Integer call() {
            PowerAnalysis.Plan plan;
            try {
                plan = PowerAnalysis.plan(baselineRate, mde, alpha, power, variants, dailyUsers);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "baseline rate %.4f, relative MDE %+.1f%% (to %.4f), alpha %.2f two-sided, power %.0f%%%n",
                    plan.baselineRate(), 100 * plan.relativeMde(), plan.baselineRate() * (1 + plan.relativeMde()),
                    plan.alpha(), 100 * plan.power());
            if (plan.variants() > 2) {
                out.printf(Locale.ROOT, "each of %d comparisons with the control at alpha %.4f (Bonferroni)%n", plan.variants() - 1,
                        plan.alphaPerComparison());
            }
            out.printf(Locale.ROOT, "users per variant: %,d   total over %d variants: %,d%n", plan.unitsPerVariant(),
                    plan.variants(), plan.totalUnits());
            if (plan.days() > 0) {
                out.printf(Locale.ROOT, "days at %,d users a day: %d%n", dailyUsers, plan.days());
            }
            out.println("(fixed horizon; always-valid intervals, experimentAnalysis.sequential, need about 1.9 times as many users when tuningUsers is near the total)");
            return 0;
        }
    }
}
