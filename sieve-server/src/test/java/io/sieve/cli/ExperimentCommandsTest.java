package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.server.SieveServer;
import io.sieve.store.Json;
import io.sieve.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment commands on a data directory a real server wrote: lists served under an
 * experiment with exploration on, clicks posted with their requestId, then `sieve experiment
 * report` and `sieve eval --protocol counterfactual` read the logs, as an operator would.
 */
class ExperimentCommandsTest {
    @TempDir
    Path dataDir;

    private String sieve(String... args) {
        CliRun run = new CliRun();
        assertEquals(0, run.sieve(args), run.err.toString());
        return run.out.toString();
    }

    @Test
    void powerGivesUsersAndDays() {
        String out = sieve("experiment", "power", "--baseline-rate", "0.05", "--mde", "0.05", "--daily-users", "20000");
        Matcher perVariant = Pattern.compile("users per variant: ([\\d,]+)").matcher(out);
        assertTrue(perVariant.find(), out);
        long n = Long.parseLong(perVariant.group(1).replace(",", ""));
        assertEquals(122_100, n, 150);
        assertTrue(out.contains("days at 20,000 users a day: " + (2 * n + 19_999) / 20_000), out);
        CliRun bad = new CliRun();
        assertEquals(2, bad.sieve("experiment", "power", "--baseline-rate", "1.5", "--mde", "0.05"), bad.out.toString());
        assertTrue(bad.err.toString().contains("the baseline rate must lie strictly between 0 and 1"), bad.err.toString());
    }

    @Test
    void reportAndCounterfactualReadWhatTheServerLogged() throws Exception {
        Path config = Files.writeString(dataDir.resolve("sieve.yaml"), """
                ranking: {type: blend}
                training: {content: {enabled: false}, ease: {enabled: false}}
                retrieval: {deadlineMs: 10000, sources: {ease: {enabled: false}}}
                exploration: {policy: {type: epsilon, slots: [4, 5, 6, 7, 8, 9, 10], epsilon: 0.5}}
                experiments:
                  fresh:
                    salt: fresh-1
                    variants:
                      control: {weight: 0.5}
                      fresher: {weight: 0.5, overlay: {rerank.freshnessBoost: 0.5, rerank.freshnessDays: 3650}}
                """);
        String dir = dataDir.toString();
        sieve("import", "--data-dir", dir, "--format", "movielens-latest", "--path", "../datasets/ml-latest-small", "--quiet");
        sieve("train", "--data-dir", dir, "--config", config.toString());

        SieveConfig loaded = ConfigLoader.load(config, Map.of());
        HttpClient http = HttpClient.newHttpClient();
        try (Store store = Stores.open(loaded, dataDir); SieveServer server = SieveServer.start(loaded, store, dataDir, "127.0.0.1", 0)) {
            for (int user = 1; user <= 200; user++) {
                JsonNode list = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/v1/recommendations/" + user + "?n=10")).build(), HttpResponse.BodyHandlers.ofString()).body());
                // Every user clicks the item at position (user mod 10) + 1.
                String item = list.get("items").get(user % 10).get("id").asText();
                String click = "{\"user\":\"%d\",\"item\":\"%s\",\"type\":\"click\",\"requestId\":\"%s\"}"
                        .formatted(user, item, list.get("requestId").asText());
                assertEquals(202, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/events"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(click)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.impressionCount() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        Path html = dataDir.resolve("report.html");
        String report = sieve("experiment", "report", "fresh", "--data-dir", dir, "--config", config.toString(), "--html", html.toString());
        assertTrue(report.contains("experiment fresh (layer fresh), control control"), report);
        assertTrue(report.contains("sample ratio: p = "), report);
        Matcher users = Pattern.compile("(?m)^control\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(report);
        Matcher fresher = Pattern.compile("(?m)^fresher\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(report);
        assertTrue(users.find() && fresher.find(), report);
        assertEquals(200, Integer.parseInt(users.group(1)) + Integer.parseInt(fresher.group(1)), report);
        assertEquals(200, Integer.parseInt(users.group(3)) + Integer.parseInt(fresher.group(3)), "one click per list: " + report);
        String page = Files.readString(html);
        assertTrue(page.contains("<title>Experiment fresh</title>") && page.contains("\"kind\":\"experiment\"")
                && page.contains("\"control\":\"control\"") && page.contains("<script>"), "the page holds the results and its renderer");
        JsonNode json = Json.MAPPER.readTree(sieve("experiment", "report", "fresh", "--json", "--data-dir", dir, "--config", config.toString()));
        assertEquals("ctr", json.get("comparisons").get(0).get("metric").asText());

        String counterfactual = sieve("eval", "--protocol", "counterfactual", "--data-dir", dir, "--config", config.toString());
        assertTrue(counterfactual.contains("counterfactual evaluation of the configuration on 200 logged lists"), counterfactual);
        assertTrue(counterfactual.contains("logged: 1.0000 clicks per list"), counterfactual);
        for (String estimator : new String[] {"IPS", "SNIPS", "DR", "effective sample size"}) {
            assertTrue(counterfactual.contains(estimator), counterfactual);
        }
    }
}
