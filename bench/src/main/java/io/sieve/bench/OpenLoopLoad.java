package io.sieve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator for {@code GET /v1/recommendations/{user}}: requests are sent on a
 * fixed schedule whatever the server's speed, and each latency is measured from the request's
 * scheduled send time, not from when it went out. A closed loop (each client waiting for its last
 * answer) slows down with the server and hides the queueing it causes (coordinated omission); here
 * a server that falls behind shows it in every later request's latency.
 *
 * <p>Users are drawn uniformly at random (seeded) from {@code u0 … u<users-1>}. Every tenth request
 * asks for {@code debug=true}, whose per-stage timings give the stage percentiles.
 *
 * <p>Usage: {@code OpenLoopLoad <base url>[,<base url>...] <users> <seconds per rate> <warm-up seconds> <server pid>[,<pid>...]
 * <rate> [<rate> ...]}. Prints one markdown row per rate; a rate whose requests mostly fail or
 * whose p99 passes 5 s ends the run, since every higher rate would only queue more.
 */
public final class OpenLoopLoad {
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);
    private static final int DEBUG_EVERY = 10;
    private static final String[] STAGES = {"retrieve", "rank", "rerank", "total"};

    private final HttpClient http;
    private final List<URI> bases;
    private final int users;
    private final SplittableRandom random = new SplittableRandom(42);

    private OpenLoopLoad(List<URI> bases, int users, ExecutorService responses) {
        this.bases = bases;
        this.users = users;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(responses)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** What one rate produced: latencies from the scheduled send in microseconds, failures by cause. */
    private record Step(double rate, long sent, double seconds, Histogram latency, Map<String, Integer> failures,
                        Map<String, Histogram> stages) {
    }

    private Step run(double rate, double seconds) throws InterruptedException {
        long requests = Math.round(rate * seconds);
        long intervalNanos = Math.round(1e9 / rate);
        Histogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        Map<String, Histogram> stages = new TreeMap<>();
        for (String stage : STAGES) {
            stages.put(stage, new ConcurrentHistogram(MAX_LATENCY_MICROS, 3));
        }
        AtomicLong lastAnswer = new AtomicLong();
        CountDownLatch outstanding = new CountDownLatch(Math.toIntExact(requests));
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (long i = 0; i < requests; i++) {
            long scheduled = start + i * intervalNanos;
            for (long wait; (wait = scheduled - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            boolean debug = i % DEBUG_EVERY == 0;
            // Several servers (replicas behind a load balancer) take the requests in turn.
            URI uri = bases.get((int) (i % bases.size())).resolve("/v1/recommendations/u" + random.nextInt(users) + "?n=10" + (debug ? "&debug=true" : ""));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long answered = System.nanoTime();
                lastAnswer.accumulateAndGet(answered, Math::max);
                latency.recordValue(Math.min(MAX_LATENCY_MICROS, (answered - scheduled) / 1000));
                if (error != null) {
                    failures.merge(error.getClass().getSimpleName(), 1, Integer::sum);
                } else if (response.statusCode() != 200) {
                    failures.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                } else if (debug) {
                    recordStages(response.body(), stages);
                }
                outstanding.countDown();
            });
        }
        outstanding.await();
        // Throughput over the time to the last answer: a server that falls behind takes longer.
        double elapsed = (lastAnswer.get() - start) / 1e9;
        return new Step(rate, requests, elapsed, latency, new TreeMap<>(failures), stages);
    }

    private static void recordStages(String body, Map<String, Histogram> stages) {
        try {
            JsonNode timings = Json.MAPPER.readTree(body).path("debug").path("timingsMs");
            stages.forEach((stage, histogram) -> {
                JsonNode ms = timings.get(stage);
                if (ms != null) {
                    histogram.recordValue(Math.min(MAX_LATENCY_MICROS, Math.round(ms.asDouble() * 1000)));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("unreadable recommendation response", e);
        }
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "–" : String.format("%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** The server's resident set, from /proc: what the operating system gives the process. */
    private static String residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + "";
            }
        }
        return "?";
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: OpenLoopLoad <base url>[,<base url>...] <users> <seconds per rate> <warm-up seconds> <server pid>[,<pid>...] <rate> [<rate> ...]");
            System.exit(2);
        }
        List<URI> bases = Arrays.stream(args[0].split(",")).map(URI::create).toList();
        int users = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        double warmUp = Double.parseDouble(args[3]);
        List<Long> pids = Arrays.stream(args[4].split(",")).map(Long::parseLong).toList();
        List<Double> rates = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            rates.add(Double.parseDouble(args[i]));
        }
        ExecutorService responses = Executors.newFixedThreadPool(2);
        try {
            OpenLoopLoad load = new OpenLoopLoad(bases, users, responses);
            if (warmUp > 0) {
                Step w = load.run(rates.get(0), warmUp);
                System.err.printf("warm-up: %d requests at %.0f/s, p50 %s ms%n", w.sent(), w.rate(), ms(w.latency(), 50));
            }
            System.out.println("| rate (req/s) | sent | answered (req/s) | p50 ms | p90 ms | p99 ms | max ms | failed | "
                    + "retrieve p50/p99 | rank p50/p99 | rerank p50/p99 | in-server total p50/p99 | RSS MB |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (double rate : rates) {
                Step s = load.run(rate, seconds);
                Histogram h = s.latency();
                int failed = s.failures().values().stream().mapToInt(Integer::intValue).sum();
                StringBuilder row = new StringBuilder(String.format("| %.0f | %d | %.0f | %s | %s | %s | %s | %s |",
                        s.rate(), s.sent(), (s.sent() - failed) / s.seconds(), ms(h, 50), ms(h, 90), ms(h, 99),
                        ms(h, 100), failed == 0 ? "0" : failed + " " + s.failures()));
                for (String stage : STAGES) {
                    Histogram st = s.stages().get(stage);
                    row.append(' ').append(ms(st, 50)).append(" / ").append(ms(st, 99)).append(" |");
                }
                List<String> resident = new ArrayList<>();
                for (long pid : pids) {
                    resident.add(residentMegabytes(pid));
                }
                row.append(' ').append(String.join(" + ", resident)).append(" |");
                System.out.println(row);
                if (failed * 2 > s.sent() || h.getValueAtPercentile(99) > TimeUnit.SECONDS.toMicros(5)) {
                    System.out.println("(saturated: higher rates not run)");
                    break;
                }
            }
        } finally {
            responses.shutdownNow();
        }
    }
}
