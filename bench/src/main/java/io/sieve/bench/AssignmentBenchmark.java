package io.sieve.bench;

import io.sieve.config.ConfigLoader;
import io.sieve.experiment.Assigner;
import io.sieve.experiment.Assignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What experiments add to a request before the funnel runs: placing the user in every configured
 * experiment (a SHA-256 of layer and user, and of salt and user, per experiment). With
 * {@code experiments = 0} the assigner is empty, the baseline.
 *
 * <p>Run: {@code bench/run-jmh.sh AssignmentBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssignmentBenchmark {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    @Param({"0", "1", "10"})
    public int experiments;

    private Assigner assigner;
    private String[] users;
    private int next;

    @Setup
    public void setUp() throws IOException {
        StringBuilder yaml = new StringBuilder("experiments:\n");
        for (int e = 0; e < experiments; e++) {
            yaml.append("  e").append(e).append(": {salt: s").append(e)
                    .append(", variants: {a: {weight: 0.5}, b: {weight: 0.5, overlay: {rerank.lambda: 0.5}}}}\n");
        }
        Path file = Files.createTempFile("assignment", ".yaml");
        Files.writeString(file, experiments == 0 ? "" : yaml.toString());
        assigner = new Assigner(ConfigLoader.load(file, Map.of()));
        Files.delete(file);
        users = new String[4_096];
        for (int u = 0; u < users.length; u++) {
            users[u] = "user-" + u;
        }
    }

    @Benchmark
    public Assignment assign() {
        next = (next + 1) & (users.length - 1);
        return assigner.isEmpty() ? Assignment.NONE : assigner.assign(users[next], "home", NOW);
    }
}
