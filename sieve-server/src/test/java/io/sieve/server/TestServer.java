package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real store in a temporary directory, a real server on a free port, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** One response, with its body parsed on demand. */
    /** @param challenge the WWW-Authenticate header, empty when absent */
    record Response(int status, String contentType, String body, String challenge) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** Asserts an RFC 9457 problem with this status; returns it for further checks. */
        JsonNode problem(int expectedStatus) {
            assertEquals(expectedStatus, status, body);
            assertEquals(Problem.CONTENT_TYPE, contentType, body);
            JsonNode p = json();
            for (String field : List.of("type", "title", "status", "detail", "errors")) {
                assertTrue(p.has(field), "problem lacks '" + field + "': " + body);
            }
            assertEquals(expectedStatus, p.get("status").asInt());
            return p;
        }

        /** The ids of a recommendations response. */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            json().get("items").forEach(i -> ids.add(i.get("id").asText()));
            return ids;
        }
    }

    /** The fields a problem's errors name, in order, for assertions that read like the response. */
    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    final Path dataDir;
    final SieveConfig config;
    final Store store;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SieveServer server;

    TestServer(Path dataDir) {
        this(dataDir, ConfigLoader.defaults());
    }

    TestServer(Path dataDir, SieveConfig config) {
        this.dataDir = dataDir;
        this.config = config;
        this.store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir);
    }

    /** Seeded with {@link #seedClusters()} and started. */
    static TestServer seeded(Path dataDir) {
        TestServer server = new TestServer(dataDir);
        server.seedClusters();
        return server.start();
    }

    TestServer start() {
        server = SieveServer.start(config, store, dataDir, 0);
        return this;
    }

    SieveServer server() {
        return server;
    }

    /** The category {@link #seedClusters()} gives the item: action, comedy or drama by its first letter. */
    static String categoryOf(String item) {
        return Map.of('a', "action", 'b', "comedy", 'c', "drama").get(item.charAt(0));
    }

    /**
     * 30 items in three categories of ten (a0..a9 action, b0..b9 comedy, c0..c9 drama) and 30
     * users; user uK likes items of group K % 3, so co-visitation links items within a group.
     * Lower-numbered items are rated by more users, and a0 by everyone: it is the most popular item.
     */
    void seedClusters() {
        List<Item> items = new ArrayList<>();
        for (char group : new char[] {'a', 'b', 'c'}) {
            for (int i = 0; i < 10; i++) {
                items.add(Item.of(group + "" + i, "Film " + group + i, List.of(categoryOf(group + ""))));
            }
        }
        store.putItems(items);
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            users.add(new User("u" + u, Map.of()));
            char group = "abc".charAt(u % 3);
            for (int i = 0; i < 10; i++) {
                if ((u + i) % 10 < 10 - i / 2) {
                    events.add(Event.of("u" + u, group + "" + i, "rating", T0.plusSeconds(u * 100L + i)));
                }
            }
            if (group != 'a') {
                events.add(Event.of("u" + u, "a0", "rating", T0.plusSeconds(u * 100L + 50)));
            }
        }
        store.putUsers(users);
        store.appendEvents(events);
    }

    /** Trains on the store as of {@code trainedAt} (which names the version) and publishes it. */
    ModelBundle publish(Instant trainedAt) {
        ModelBundle bundle = new Trainer(config, Clock.fixed(trainedAt, ZoneOffset.UTC)).train(store);
        new BundleStore(dataDir).publish(bundle, config.training().bundlesToKeep());
        return bundle;
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response send(String method, String path, String json) {
        return send(method, path, json, Map.of());
    }

    /** A JSON body is sent as application/json unless {@code headers} say otherwise. */
    Response send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.setHeader("Content-Type", "application/json");
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The item ids of the user's stored history. */
    Set<String> historyItems(String user) {
        Set<String> ids = new HashSet<>();
        store.history(user, 1000).forEach(e -> ids.add(e.item()));
        return ids;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        store.close();
    }
}
