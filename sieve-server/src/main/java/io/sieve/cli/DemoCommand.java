package io.sieve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.SieveConfig;
import io.sieve.ingest.ImportException;
import io.sieve.ingest.ImportFormat;
import io.sieve.ingest.ImportReport;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.model.Item;
import io.sieve.server.SieveServer;
import io.sieve.files.Directories;
import io.sieve.store.Catalog;
import io.sieve.store.Json;
import io.sieve.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Import the shipped MovieLens latest-small into a fresh data directory, train, serve on "
                + "127.0.0.1 and print a few users' recommendations. Ctrl-C stops it.")
final class DemoCommand implements Callable<Integer> {
    /** Written into a data directory the demo created, so that only such a directory is ever wiped. */
    private static final String MARKER = ".sieve-demo";

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on. Default: ${DEFAULT-VALUE}", defaultValue = "8080")
    int port;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "MovieLens latest-small directory. Default: datasets/ml-latest-small of the Sieve checkout")
    Path dataset;

    @Override
    public Integer call() throws Exception {
        SieveConfig config = common.config();
        Path home = Path.of(System.getenv().getOrDefault("SIEVE_HOME", "."));
        Path data = common.dataDir != null ? common.dataDir : home.resolve("data/demo");
        Path source = dataset != null ? dataset : home.resolve("datasets/ml-latest-small");
        if (!Files.isRegularFile(source.resolve("ratings.csv"))) {
            throw new UserError(source + " does not hold MovieLens latest-small (ratings.csv); pass --dataset DIR");
        }
        prepareFreshDirectory(data);

        Store store = Stores.open(config, data);
        if (store.itemCount() > 0 || store.eventCount() > 0) {
            // store.url may point outside the fresh data directory, at a store that holds someone's data.
            store.close();
            throw new UserError("the store at store.url " + config.store().url() + " is not empty, and the demo imports only into "
                    + "a fresh one: leave store.url at its default, or point it at an empty store");
        }
        System.out.println("1/3 importing " + source + " into " + data);
        ImportReport report = importDataset(store, config, source);
        System.out.printf("    %,d rows accepted, %,d rejected%n", report.accepted(), report.rejected());
        System.out.println("2/3 training");
        long start = System.nanoTime();
        var bundle = TrainCommand.train(config, store, data);
        System.out.printf("    bundle %s: %,d co-visitation pairs in %.1f s%n", bundle.version(),
                bundle.coVisitation().neighbours().length, (System.nanoTime() - start) / 1e9);
        System.out.println("3/3 serving");
        SieveServer server = ServeCommand.startOrExplain(config, store, data, config.server().host(), port);
        printExamples(server, store);
        System.out.println();
        System.out.println("Sieve is serving MovieLens on " + server.url() + "/  — try:");
        System.out.println("  curl '" + server.url() + "/v1/recommendations/1?n=10'");
        System.out.println("  curl '" + server.url() + "/v1/recommendations/1?n=5&category=Comedy&debug=true'");
        System.out.println("  curl '" + server.url() + "/v1/items/1/similar?n=5'");
        System.out.println("  API description: " + server.url() + "/openapi.json   (Ctrl-C stops the server)");
        ServeCommand.serveUntilStopped(server, store);
        return 0;
    }

    private static void prepareFreshDirectory(Path data) throws IOException {
        if (Files.isDirectory(data)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(data)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(data.resolve(MARKER))) {
                throw new UserError(data + " is not empty and was not made by the demo; pass another --data-dir");
            }
            Directories.deleteRecursively(data);
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve(MARKER), "created by 'sieve demo'; the next demo run deletes this directory\n");
    }

    private static ImportReport importDataset(Store store, SieveConfig config, Path source) throws IOException {
        try {
            ImportSources sources = ImportSources.resolve(ImportFormat.named("movielens-latest"), source, null, null, null);
            return new Importer(store, store, config.types(), (read, total) -> { }).run(sources);
        } catch (ImportException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Asks the running server, as a client would, and prints the answers with titles and reasons. */
    private static void printExamples(SieveServer server, Catalog catalog) {
        HttpClient client = HttpClient.newHttpClient();
        for (String user : List.of("1", "68", "414")) {
            JsonNode body = get(client, server.url() + "/v1/recommendations/" + user + "?n=5");
            System.out.println();
            System.out.println("Recommendations for user " + user + ":");
            for (JsonNode item : body.get("items")) {
                String id = item.get("id").asText();
                String title = catalog.item(id).map(Item::displayName).orElse(id);
                System.out.printf("  %-55s %s%n", title, item.get("reason").asText());
            }
        }
    }

    private static JsonNode get(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
