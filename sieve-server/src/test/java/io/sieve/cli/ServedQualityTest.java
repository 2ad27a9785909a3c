package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.eval.Evaluator;
import io.sieve.metrics.RankingMetrics;
import io.sieve.eval.Split;
import io.sieve.eval.StratifiedRandomSplit;
import io.sieve.server.SieveServer;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate of the build, measured where users meet Sieve: ml-100k split per user at random
 * (75/25, seed 42), the training part stored and trained as {@code sieve train} does, served by a
 * real server and asked over HTTP for every test user with every default (deadlines aside). The default must reach
 * NDCG@10 0.47 and never trail the blend; and {@code sieve eval --as-served} must give the very
 * lists the server gave, so that the figures it reports are the ones users get.
 */
class ServedQualityTest {
    private static final Path DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));
    private static final int K = 10;

    @TempDir
    Path dir;

    @Test
    void theDefaultOverHttpReachesTheBarNeverTrailsTheBlendAndIsWhatEvalAsServedMeasures() throws Exception {
        // Every default but the deadlines: a busy build machine must not skip a source in one run and not the other.
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(),
                Map.of("retrieval.deadlineMs", "60000", "ranking.deadlineMs", "60000"));
        Path all = dir.resolve("all");
        sieve("import", "--data-dir", all.toString(), "--format", "movielens-100k",
                "--path", DATA.resolve("ml-100k").toString(), "--quiet");
        EvaluationData data = EvaluationData.load(config, all, null);
        Split split = new StratifiedRandomSplit(0.75, 42).split(data.events(), config.types());

        Path served = dir.resolve("served");
        Map<String, List<String>> overHttp = new TreeMap<>();
        ModelBundle bundle;
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), served)) {
            store.putItems(data.items());
            store.putUsers(data.users());
            store.appendEvents(split.train());
            bundle = TrainCommand.train(config, store, served);
            try (SieveServer server = SieveServer.start(config, store, served, "127.0.0.1", 0)) {
                HttpClient http = HttpClient.newHttpClient();
                for (String user : new java.util.TreeSet<>(split.relevant().keySet())) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(server.url() + "/v1/recommendations/" + user + "?n=" + K)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    List<String> ids = new ArrayList<>();
                    Json.MAPPER.readTree(r.body()).get("items").forEach(i -> ids.add(i.get("id").asText()));
                    overHttp.put(user, ids);
                }
            }
        }

        Evaluator evaluator = new Evaluator(data.items(), data.users(), List.of(K));
        Evaluator.Prepared prepared = evaluator.prepare(config, split, bundle);
        Map<String, List<String>> asServed = evaluator.servedLists(config, prepared, K);
        List<String> differing = overHttp.keySet().stream().filter(u -> !overHttp.get(u).equals(asServed.get(u)))
                .map(u -> u + ": HTTP " + overHttp.get(u) + ", eval " + asServed.get(u)).limit(5).toList();
        assertTrue(differing.isEmpty(), "eval --as-served gives the lists the HTTP API gave; differing: " + differing);

        double ndcg = overHttp.entrySet().stream()
                .mapToDouble(e -> RankingMetrics.ndcg(e.getValue(), split.relevant().get(e.getKey()), K)).average().orElseThrow();
        double blend = evaluator.evaluate("blend", ConfigLoader.withSettings(config, Map.of("ranking.type", "blend")),
                prepared, Evaluator.Mode.AS_SERVED).metrics().get("NDCG@" + K);
        assertTrue(ndcg >= 0.47, "the default through the API: NDCG@10 " + ndcg);
        assertTrue(ndcg >= blend - 0.005, "the default (" + ndcg + ") trails the blend (" + blend + ")");
    }

    /** Runs a command of the real command line. */
    private static void sieve(String... args) {
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = SieveCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute(args), err.toString());
    }
}
