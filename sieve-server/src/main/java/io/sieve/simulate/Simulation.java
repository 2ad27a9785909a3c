package io.sieve.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.experiment.ExperimentAnalysis;
import io.sieve.experiment.ExperimentResults;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.server.SieveServer;
import io.sieve.store.InMemoryStore;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The closed loop: simulated users with hidden tastes ({@link SimulatedPopulation}) ask a real
 * Sieve server, started in this process on a loopback port over a copy of the world's data, for
 * recommendations over HTTP, under the real experiment configuration; they click according to the
 * {@link ClickModel}, and their clicks go back through the event API carrying the requestId. Before
 * the experiment they browse on their own for some days (their pre-exposure activity), and the
 * served models are trained on that. After each simulated day every experiment's results are
 * computed, as {@code GET /v1/experiments/{name}/results} would answer then.
 *
 * <p>The simulator also knows the truth: for every served list, the number of clicks the click
 * model expects, so each variant's true CTR on the lists it served is known without click noise.
 * Every random choice comes from one seeded generator; the server's own randomness (exploration)
 * is seeded by its configuration.
 */
public final class Simulation {
    /**
     * @param users          simulated users
     * @param days           days of the experiment
     * @param preDays        days of organic activity before it
     * @param sessionsPerDay lists a user of average activity asks for per day
     * @param organicPerDay  items a user of average activity finds on their own per day
     * @param listLength     n of each request
     * @param noise          blur on the borrowed tastes (unit-length vectors)
     */
    public record Settings(int users, int days, int preDays, double sessionsPerDay, double organicPerDay, int listLength,
                           double noise, ClickModel clicks, long seed) {
    }

    /** Lists served under one variant and the clicks the click model expected on them. */
    public record Truth(long lists, double expectedClicks) {
        public double ctr() {
            return lists == 0 ? 0 : expectedClicks / lists;
        }
    }

    /**
     * What happens before a simulated day's traffic: publishing a new bundle, say.
     */
    @FunctionalInterface
    public interface DayStart {
        /**
         * @param store   the simulated store, as the server sees it
         * @param workDir the server's data directory, where bundles are published
         */
        void before(int day, Store store, Path workDir);
    }

    /**
     * @param daily    each day's results of every experiment, as read after that day
     * @param truth    per experiment and variant, what the click model expected
     * @param served   the bundle version the server served (to users outside a canary) after each day
     * @param rollout  the server's rollout state and decisions at the end ({@code GET /v1/experiments})
     */
    public record Report(List<Map<String, ExperimentResults>> daily, Map<String, Map<String, Truth>> truth, long requests,
                         long clicks, List<String> served, JsonNode rollout) {
        public Map<String, ExperimentResults> last() {
            return daily.getLast();
        }
    }

    private static final String CLICK = "click";
    private static final String ORGANIC = "view";

    private final SieveConfig config;
    private final Settings settings;
    private final UniformRandomProvider random;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Consumer<Map<String, Object>> traffic;

    /** @param traffic receives every request and organic event as one JSON-ready record (for --traffic) */
    public Simulation(SieveConfig config, Settings settings, Consumer<Map<String, Object>> traffic) {
        this.config = config;
        this.settings = settings;
        this.random = RandomSource.XO_RO_SHI_RO_128_PP.create(settings.seed());
        this.traffic = traffic;
    }

    public Report run(Store world, Path workDir) {
        return run(world, workDir, (day, store, dir) -> { }, store -> { });
    }

    /**
     * Runs it over a copy of {@code world} (the world itself is only read).
     *
     * @param workDir    where the served bundles are written
     * @param dayStart   runs before each day's traffic; the server then checks for a new bundle
     * @param afterwards reads the simulated store at the end, before it is discarded (to analyse it
     *                   under other settings, say)
     */
    public Report run(Store world, Path workDir, DayStart dayStart, Consumer<Store> afterwards) {
        Instant start = Instant.now();
        try (InMemoryStore store = WorldCopy.of(world)) {
            SimulatedPopulation population = GroundTruth.population(config, store, settings, random);
            preExperiment(population, store, start);
            publish(store, workDir);
            Report report;
            try (SieveServer server = SieveServer.start(config, store, workDir, "127.0.0.1", 0)) {
                report = experiment(population, store, server.url(), workDir, dayStart);
            }
            afterwards.accept(store);
            return report;
        }
    }

    private void preExperiment(SimulatedPopulation population, Store store, Instant start) {
        List<Event> events = new ArrayList<>();
        for (int day = settings.preDays(); day > 0; day--) {
            Instant dayStart = start.minus(Duration.ofDays(day));
            for (SimulatedPopulation.SimulatedUser user : population.users()) {
                int count = SimulatedPopulation.poisson(random, user.activity() * settings.organicPerDay());
                for (int i = 0; i < count; i++) {
                    Instant at = dayStart.plusMillis((long) (random.nextDouble() * 86_400_000L));
                    String item = population.organicItem(user, random);
                    events.add(Event.of(user.id(), item, ORGANIC, at));
                    traffic.accept(record("organic", -day, user.id(), Map.of("item", item, "at", at.toString())));
                }
            }
        }
        store.appendEvents(events);
    }

    private void publish(Store store, Path workDir) {
        Trainer trainer = new Trainer(config, Clock.systemUTC());
        trainer.publish(trainer.train(store), store, workDir);
    }

    private Report experiment(SimulatedPopulation population, Store store, String url, Path workDir, DayStart dayStart) {
        ExperimentAnalysis analysis = new ExperimentAnalysis(config, store);
        Map<String, Map<String, double[]>> truth = new LinkedHashMap<>();
        Map<String, Integer> shown = new HashMap<>();
        List<Map<String, ExperimentResults>> daily = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        long requests = 0;
        long clicks = 0;
        long logged = store.impressionCount();
        for (int day = 1; day <= settings.days(); day++) {
            dayStart.before(day, store, workDir);
            reload(url);
            List<SimulatedPopulation.SimulatedUser> order = new ArrayList<>(population.users());
            shuffle(order);
            for (SimulatedPopulation.SimulatedUser user : order) {
                int sessions = SimulatedPopulation.poisson(random, user.activity() * settings.sessionsPerDay());
                for (int s = 0; s < sessions; s++) {
                    Served served = request(url, user.id());
                    requests++;
                    logged += served.items().isEmpty() ? 0 : 1;
                    clicks += react(population, user, served, shown, truth, url, day);
                }
                int organic = SimulatedPopulation.poisson(random, user.activity() * settings.organicPerDay());
                for (int i = 0; i < organic; i++) {
                    String item = population.organicItem(user, random);
                    post(url, List.of(Map.of("user", user.id(), "item", item, "type", ORGANIC)));
                    traffic.accept(record("organic", day, user.id(), Map.of("item", item)));
                }
            }
            awaitImpressions(store, logged);
            // The day's end: a canary on trial is judged now, on the day's traffic.
            versions.add(reload(url));
            Map<String, ExperimentResults> today = new LinkedHashMap<>();
            analysis.experiments().keySet().forEach(name -> today.put(name, analysis.results(name).orElseThrow()));
            daily.add(today);
        }
        Map<String, Map<String, Truth>> truths = new LinkedHashMap<>();
        truth.forEach((experiment, arms) -> {
            Map<String, Truth> out = new LinkedHashMap<>();
            arms.forEach((variant, sums) -> out.put(variant, new Truth((long) sums[0], sums[1])));
            truths.put(experiment, out);
        });
        JsonNode rollout = send(HttpRequest.newBuilder(URI.create(url + "/v1/experiments")).GET().build()).path("rollout");
        return new Report(daily, truths, requests, clicks, versions, rollout);
    }

    /** Asks the server to look for a new bundle and judge a canary now; returns the version it serves. */
    private String reload(String url) {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/admin/reload")).POST(HttpRequest.BodyPublishers.noBody()).build())
                .path("version").asText();
    }

    private record Served(String requestId, List<String> items, Map<String, String> experiments) {
    }

    private Served request(String url, String user) {
        JsonNode body = send(HttpRequest.newBuilder(URI.create(url + "/v1/recommendations/"
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "?n=" + settings.listLength())).GET().build());
        List<String> items = new ArrayList<>();
        body.path("items").forEach(item -> items.add(item.path("id").asText()));
        Map<String, String> experiments = new LinkedHashMap<>();
        body.path("experiments").properties().forEach(e -> experiments.put(e.getKey(), e.getValue().asText()));
        return new Served(body.path("requestId").asText(), items, experiments);
    }

    /** Clicks on the list as the click model says, posts them, and adds the expected clicks to the truth. */
    private int react(SimulatedPopulation population, SimulatedPopulation.SimulatedUser user, Served served,
                      Map<String, Integer> shown, Map<String, Map<String, double[]>> truth, String url, int day) {
        double expected = 0;
        List<Map<String, Object>> clicks = new ArrayList<>();
        List<Integer> clickedAt = new ArrayList<>();
        for (int position = 1; position <= served.items().size(); position++) {
            String item = served.items().get(position - 1);
            String key = user.id() + '\u0000' + item;
            double p = settings.clicks().clickProbability(population.affinity(user, item), position, shown.getOrDefault(key, 0));
            expected += p;
            if (random.nextDouble() < p) {
                clicks.add(Map.of("user", user.id(), "item", item, "type", CLICK, "requestId", served.requestId()));
                clickedAt.add(position);
                shown.remove(key);
            } else {
                shown.merge(key, 1, Integer::sum);
            }
        }
        if (!clicks.isEmpty()) {
            post(url, clicks);
        }
        double expectedClicks = expected;
        served.experiments().forEach((experiment, variant) -> {
            double[] sums = truth.computeIfAbsent(experiment, e -> new LinkedHashMap<>()).computeIfAbsent(variant, v -> new double[2]);
            sums[0] += served.items().isEmpty() ? 0 : 1;
            sums[1] += served.items().isEmpty() ? 0 : expectedClicks;
        });
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", served.requestId());
        line.put("experiments", served.experiments());
        line.put("items", served.items());
        line.put("clickedPositions", clickedAt);
        line.put("expectedClicks", expected);
        traffic.accept(record("request", day, user.id(), line));
        return clicks.size();
    }

    private void post(String url, List<Map<String, Object>> events) {
        try {
            send(HttpRequest.newBuilder(URI.create(url + "/v1/events/batch")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(events))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server logs impressions off the request path; a day's results wait until all of its lists are stored. */
    private static void awaitImpressions(Store store, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.impressionCount() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void shuffle(List<?> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            java.util.Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private static Map<String, Object> record(String kind, int day, String user, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind);
        line.put("day", day);
        line.put("user", user);
        line.putAll(fields);
        return line;
    }

    /** Writes each record as one JSON line. */
    public static Consumer<Map<String, Object>> jsonLines(java.io.Writer out) {
        return line -> {
            try {
                out.write(Json.MAPPER.writeValueAsString(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
