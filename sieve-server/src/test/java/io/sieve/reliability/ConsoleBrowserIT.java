package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser (Debian's Chromium, driven by Playwright from
 * sieve-console/e2e/console-e2e.mjs) against the real jar behind an admin key: the shipped
 * MovieLens data imported and trained, an experiment served, then traffic from a segment the
 * ranker never saw. The script opens the overview, user 1's recommendations with titles and
 * reasons, the experiment's results and the data health page, and saves a screenshot and the
 * page's text for each under sieve-server/target/console-screenshots, which this test reads. Then
 * the self-contained reports of {@code sieve experiment report --html} and {@code sieve eval
 * --html}, opened from the file system with every request refused, must draw their charts.
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path SHOTS = Launcher.PROJECT.resolve("sieve-server/target/console-screenshots");
    private static final String KEY = "console-test-key-0123456789";
    private static final String CONFIG = """
            ranking: {gate: false, training: {maxRequests: 300}}
            monitoring: {drift: {sampleEvery: 1, minRequests: 50}}
            training: {ease: {enabled: false}}
            retrieval: {sources: {ease: {enabled: false}}}
            security:
              keys:
                ops: {keyEnv: SIEVE_OPS_KEY, scopes: [read, write, admin]}
            experiments:
              personal:
                salt: personal-1
                variants:
                  popular: {weight: 0.5, overlay: {retrieval.sources.als.enabled: false, retrieval.sources.covisitation.enabled: false,
                                                       retrieval.sources.graph.enabled: false, ranking.type: blend}}
                  pipeline: {weight: 0.5}
            """;

    @TempDir
    Path data;

    @Test
    void theConsoleShowsUsersExperimentsAndDriftInChromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            // CI installs Chromium (.ci/run); there its absence is a failure, not a reason to skip.
            assertTrue(!"true".equals(System.getenv("CI")), CHROMIUM + " is missing; .ci/run installs the chromium package");
            Assumptions.abort(CHROMIUM + " is not installed (apt-get install chromium)");
        }
        Path config = Files.writeString(data.resolve("sieve.yaml"), CONFIG);
        Map<String, String> env = Map.of("SIEVE_CONFIG", config.toString(), "SIEVE_OPS_KEY", KEY);
        String dir = data.toString();
        Launcher.run("console-import", env, "import", "--data-dir", dir, "--format", "movielens-latest", "--path",
                "datasets/ml-latest-small", "--quiet");
        Launcher.run("console-train", env, "train", "--data-dir", dir);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + KEY);
        try (ServedProcess server = ServedProcess.start("console-serve", data, env)) {
            assertEquals(401, server.get("/v1/admin/health").status(), "the console's data is behind the key");
            assertEquals(200, server.get("/console/").status(), "the console's page itself is static and open");
            for (int user = 1; user <= 60; user++) {
                JsonNode list = server.send("GET", "/v1/recommendations/" + user + "?n=10", null, auth).json();
                String click = "{\"user\":\"%d\",\"item\":\"%s\",\"type\":\"click\",\"requestId\":\"%s\"}".formatted(user,
                        list.get("items").get(0).get("id").asText(), list.get("requestId").asText());
                assertEquals(202, server.send("POST", "/v1/events", click, auth).status());
            }
            // A segment the ranker never saw: new users, each known by one rating.
            for (int user = 0; user < 150; user++) {
                String rating = "{\"user\":\"new-%d\",\"item\":\"%d\",\"type\":\"rating\",\"value\":5}".formatted(user, 1 + user % 3);
                assertEquals(202, server.send("POST", "/v1/events", rating, auth).status());
                assertEquals(200, server.send("GET", "/v1/recommendations/new-" + user + "?n=10", null, auth).status());
            }
            JsonNode mine = server.send("GET", "/v1/recommendations/1?n=10&include=title&preview=true", null, auth).json();
            String firstTitle = mine.get("items").get(0).get("title").asText();

            String output = runScript(server, Map.of("SIEVE_USER", "1", "SIEVE_EXPERIMENT", "personal"));
            assertTrue(output.contains("console-e2e: ok"), output);
            for (String page : List.of("overview", "user", "experiment", "health")) {
                assertTrue(Files.size(SHOTS.resolve(page + ".png")) > 10_000, page + ".png is nearly empty");
            }
            String version = server.get("/readyz").json().get("modelVersion").asText();
            assertTrue(text("overview").contains(version), "the overview does not name the served bundle " + version);
            String user = text("user");
            assertTrue(user.contains(firstTitle), "user 1's first recommendation, " + firstTitle + ", is not on the page:\n" + user);
            assertTrue(user.toLowerCase().contains("because"), "no reason on the page:\n" + user);
            assertTrue(user.contains("What the user was shown"), "no shown slates on the page:\n" + user);
            String experiment = text("experiment");
            assertTrue(experiment.contains("popular") && experiment.contains("pipeline"), experiment);
            String health = text("health");
            assertTrue(health.contains("drift: feature"), "the drift alert is not on the data health page:\n" + health);

            // The reports, written by a second process beside the running server.
            Path experimentHtml = SHOTS.resolve("experiment-report.html");
            Launcher.run("console-experiment-report", env, "experiment", "report", "personal", "--data-dir", dir,
                    "--html", experimentHtml.toString());
        }
        Path evalHtml = SHOTS.resolve("eval-report.html");
        Launcher.run("console-eval-report", env, "eval", "--data-dir", dir, "--k", "10", "--html", evalHtml.toString());
        String reports = runNode("report-e2e", Map.of("MIN_CHARTS", "4"), evalHtml.toString(),
                SHOTS.resolve("experiment-report.html").toString());
        assertTrue(reports.contains("report-e2e: ok"), reports);
        String eval = text("eval-report");
        for (String expected : List.of("NDCG", "Coverage", "long tail", "covisitation", "pipeline")) {
            assertTrue(eval.toLowerCase().contains(expected.toLowerCase()), "the eval report lacks '" + expected + "':\n" + eval);
        }
        String experimentReport = text("experiment-report");
        assertTrue(experimentReport.contains("popular") && experimentReport.contains("pipeline"), experimentReport);
    }

    private static String text(String page) throws Exception {
        return Files.readString(SHOTS.resolve(page + ".txt"), StandardCharsets.UTF_8);
    }

    private static String runScript(ServedProcess server, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("SIEVE_URL", server.base.toString());
        env.put("SIEVE_KEY", KEY);
        env.put("SCREENSHOT_DIR", SHOTS.toString());
        return runNode("console-e2e", env);
    }

    /** Runs one of sieve-console/e2e's Playwright scripts with the machine's Node.js from the module, where npm installed it. */
    private static String runNode(String script, Map<String, String> extra, String... args) throws Exception {
        Files.createDirectories(SHOTS);
        Path log = Launcher.log(script);
        List<String> command = new ArrayList<>(List.of("node", "e2e/" + script + ".mjs"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(Launcher.PROJECT.resolve("sieve-console").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(extra);
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(script + " did not finish in 5 minutes:\n" + Launcher.tail(log));
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), script + " failed (screenshots in " + SHOTS + "):\n" + output);
        return output;
    }
}
