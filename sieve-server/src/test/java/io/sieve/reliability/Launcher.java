package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher, {@code ./sieve}, on the jar this build packaged, as a user would run it,
 * with {@code SIEVE_SKIP_BUILD=1} so that it never rebuilds in the middle of a build. Each run's
 * output goes to its own log under {@code target/reliability}, named in every failure.
 */
final class Launcher {
    static final Path PROJECT = Path.of(System.getProperty("sieve.project.dir", "..")).toAbsolutePath().normalize();
    static final Path LOGS = PROJECT.resolve("sieve-server/target/reliability");
    private static final long MINUTES = 10;

    private Launcher() {
    }

    /** Runs {@code ./sieve args} to its end and returns its standard output; a non-zero exit fails the test. */
    static String run(String logName, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = log(logName);
        Process p = start(log, env, args);
        if (!p.waitFor(MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./sieve " + String.join(" ", args) + " did not finish in " + MINUTES + " minutes; see " + log);
        }
        assertEquals(0, p.exitValue(), "./sieve " + String.join(" ", args) + " failed; see " + log + ":\n" + tail(log));
        return Files.readString(log);
    }

    /** Starts {@code ./sieve args} with its output (both streams) in {@code log}. */
    static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("sieve").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SIEVE_SKIP_BUILD", "1");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** A fresh log file for one run. */
    static Path log(String name) throws IOException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * A store imported from {@code ../shared/tools/synthetic.py}: seeded items in 50 categories,
     * users with a home category, skewed activity.
     */
    static void syntheticStore(Path dataDir, int items, int users, int events) throws IOException, InterruptedException {
        syntheticStore(dataDir, Map.of(), items, users, events);
    }

    /** {@link #syntheticStore(Path, int, int, int)} into the store {@code env} configures (SIEVE_STORE_URL). */
    static void syntheticStore(Path dataDir, Map<String, String> env, int items, int users, int events)
            throws IOException, InterruptedException {
        Path files = dataDir.resolveSibling(dataDir.getFileName() + "-jsonl");
        Process p = new ProcessBuilder("python3", PROJECT.resolve("../shared/tools/synthetic.py").normalize().toString(),
                Integer.toString(items), Integer.toString(users), Integer.toString(events), files.toString())
                .redirectErrorStream(true).redirectOutput(log("synthetic-" + items).toFile()).start();
        assertEquals(0, p.waitFor(), "synthetic.py failed");
        run("import-" + items, env, "import", "--data-dir", dataDir.toString(), "--format", "jsonl",
                "--items", files.resolve("items.jsonl").toString(), "--users", files.resolve("users.jsonl").toString(),
                "--events", files.resolve("events.jsonl").toString(), "--quiet");
    }
}
