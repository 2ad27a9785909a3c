package io.sieve.cli;

import io.sieve.config.SieveConfig;
import io.sieve.experiment.ExperimentResults;
import io.sieve.simulate.ClickModel;
import io.sieve.simulate.Simulation;
import io.sieve.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the configured experiments on simulated users against a real server in this process: "
                + "users with hidden tastes (from an ALS fit to the data directory's store) ask for lists over HTTP, "
                + "click by a position-biased model with fatigue, and their clicks flow back through the event API. "
                + "The data directory's store is only read; everything happens on a copy in memory.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--users", defaultValue = "500", description = "Simulated users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "7", description = "Days of the experiment (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--pre-days", defaultValue = "14", description = "Days of activity before it, for CUPED (default ${DEFAULT-VALUE}).")
    int preDays;

    @Option(names = "--sessions-per-day", defaultValue = "1.0", description = "Lists an average user asks for a day (default ${DEFAULT-VALUE}).")
    double sessionsPerDay;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--traffic", paramLabel = "FILE", description = "Write every request, click and organic event as JSON Lines.")
    Path trafficFile;

    @Override
    public Integer call() throws IOException {
        SieveConfig config = common.config();
        if (config.experiments().isEmpty() && config.holdout().fraction() == 0) {
            throw new UserError("the configuration has no experiments to simulate; declare some under experiments (README \"Run an A/B test\")");
        }
        var settings = new Simulation.Settings(users, days, preDays, sessionsPerDay, 1.0, 10, 0.5, ClickModel.DEFAULT, seed);
        Path work = Files.createTempDirectory("sieve-simulate");
        Simulation.Report report;
        try (Store world = Stores.openSnapshot(config, common.dataDir());
             Writer traffic = trafficFile == null ? Writer.nullWriter() : Files.newBufferedWriter(trafficFile, StandardCharsets.UTF_8)) {
            report = new Simulation(config, settings, Simulation.jsonLines(traffic)).run(world, work);
        } finally {
            deleteTree(work);
        }
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%,d users, %d days: %,d lists served, %,d clicks%n%n", users, days, report.requests(), report.clicks());
        for (Map.Entry<String, ExperimentResults> e : report.last().entrySet()) {
            out.print(ExperimentReport.text(e.getValue()));
            out.println("the simulator's truth (clicks per list the click model expected on each variant's lists):");
            report.truth().getOrDefault(e.getKey(), Map.of()).forEach((variant, truth) -> out.printf(Locale.ROOT,
                    "  %-16s %,8d lists   true ctr %.4f%n", variant, truth.lists(), truth.ctr()));
            out.println();
        }
        if (trafficFile != null) {
            out.println("traffic written to " + trafficFile);
        }
        return 0;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
