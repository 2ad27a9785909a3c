package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments through the real launcher and jar: `sieve simulate` on the shipped MovieLens data,
 * then a served experiment whose report a second process reads while the server keeps running,
 * and an operator's rollback refused when nothing is on trial.
 */
class ExperimentsIT {
    private static final String CONFIG = """
            ranking: {type: blend}
            training: {content: {enabled: false}, ease: {enabled: false}}
            retrieval: {sources: {ease: {enabled: false}}}
            experiments:
              personal:
                salt: personal-1
                variants:
                  popular: {weight: 0.5, overlay: {retrieval.sources.als.enabled: false, retrieval.sources.covisitation.enabled: false,
                                                       retrieval.sources.graph.enabled: false}}
                  pipeline: {weight: 0.5}
            """;

    @TempDir
    Path data;

    @Test
    void simulateServeAndReportBesideTheServer() throws Exception {
        Path config = Files.writeString(data.resolve("sieve.yaml"), CONFIG);
        Map<String, String> env = Map.of("SIEVE_CONFIG", config.toString());
        String dir = data.toString();
        Launcher.run("experiments-import", env, "import", "--data-dir", dir, "--format", "movielens-latest", "--path",
                "datasets/ml-latest-small", "--quiet");

        Path traffic = data.resolve("traffic.jsonl");
        String simulated = Launcher.run("experiments-simulate", env, "simulate", "--data-dir", dir, "--users", "150", "--days", "2",
                "--traffic", traffic.toString());
        assertTrue(simulated.contains("experiment personal (layer personal), control popular"), simulated);
        assertTrue(simulated.contains("true ctr"), simulated);
        List<String> lines = Files.readAllLines(traffic);
        assertTrue(lines.size() > 100, "traffic lines: " + lines.size());
        for (String line : lines) {
            assertTrue(Json.MAPPER.readTree(line).has("kind"), line);
        }

        Launcher.run("experiments-train", env, "train", "--data-dir", dir);
        try (ServedProcess server = ServedProcess.start("experiments-serve", data, env)) {
            for (int user = 1; user <= 60; user++) {
                JsonNode list = server.get("/v1/recommendations/" + user + "?n=10").json();
                assertTrue(list.path("experiments").has("personal"), list.toString());
                String click = "{\"user\":\"%d\",\"item\":\"%s\",\"type\":\"click\",\"requestId\":\"%s\"}".formatted(user,
                        list.get("items").get(0).get("id").asText(), list.get("requestId").asText());
                assertEquals(202, server.send("POST", "/v1/events", click, Map.of()).status());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (users(server.get("/v1/experiments/personal/results").json()) < 60 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // A second process reads the logs the running server writes.
            String report = Launcher.run("experiments-report", env, "experiment", "report", "personal", "--data-dir", dir);
            Matcher popular = Pattern.compile("(?m)^popular\\s+(\\d+)\\s+\\d+\\s+(\\d+)").matcher(report);
            Matcher pipeline = Pattern.compile("(?m)^pipeline\\s+(\\d+)\\s+\\d+\\s+(\\d+)").matcher(report);
            assertTrue(popular.find() && pipeline.find(), report);
            assertEquals(60, Integer.parseInt(popular.group(1)) + Integer.parseInt(pipeline.group(1)), report);
            assertEquals(60, Integer.parseInt(popular.group(2)) + Integer.parseInt(pipeline.group(2)), report);

            Path log = Launcher.log("experiments-rollback");
            Process rollback = Launcher.start(log, env, "rollout", "rollback", "--url", server.base.toString());
            assertTrue(rollback.waitFor(2, TimeUnit.MINUTES));
            assertEquals(2, rollback.exitValue(), Files.readString(log));
            assertTrue(Files.readString(log).contains("No bundle is on trial"), Files.readString(log));
            server.assertAlive();
        }
    }

    private static long users(JsonNode results) {
        long users = 0;
        for (JsonNode variant : results.path("variants")) {
            users += variant.path("users").asLong();
        }
        return users;
    }
}
