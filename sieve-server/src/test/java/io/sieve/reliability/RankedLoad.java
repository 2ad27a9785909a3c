package io.sieve.reliability;

import io.sieve.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Concurrent clients asking for recommendations, with {@code debug=true}, for users the store has
 * never seen ({@code <prefix>-0}, {@code <prefix>-1}, ...): each request is one the learned ranker
 * must order and explain. Counts every failure (a status other than 200, or no answer) and every
 * answer the learned ranker did not order, and keeps each latency.
 *
 * <p>Used by the reliability suite and, through {@link #main}, by {@code bench/stress-ranked.sh}.
 */
public final class RankedLoad {
    /**
     * @param failures   by status code or exception, how many requests failed
     * @param notLearned answers whose {@code debug.rankedBy} does not start with "learned", by what it said
     */
    public record Result(int requests, Map<String, Integer> failures, Map<String, Integer> notLearned, long[] latencyMicros) {
        public int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        public double medianMillis() {
            return percentileMillis(0.5);
        }

        public double percentileMillis(double p) {
            long[] sorted = latencyMicros.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
        }

        @Override
        public String toString() {
            return String.format("%,d requests, %,d failed %s, %,d not ranked by the learned ranker %s, median %.1f ms, p99 %.1f ms",
                    requests, failed(), failures, notLearned.values().stream().mapToInt(Integer::intValue).sum(), notLearned,
                    medianMillis(), percentileMillis(0.99));
        }
    }

    private RankedLoad() {
    }

    /**
     * Runs {@code clients} clients until at least {@code minRequests} were sent and {@code busy} is
     * false, or {@code maxRequests} were sent, whichever comes first.
     */
    public static Result run(URI base, int clients, int minRequests, int maxRequests, BooleanSupplier busy, String prefix)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        Map<String, Integer> notLearned = new ConcurrentHashMap<>();
        long[] latencies = new long[maxRequests];
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < maxRequests && (i < minRequests || busy.getAsBoolean()); ) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/recommendations/" + prefix + "-" + i + "?n=10&debug=true"))
                            .timeout(Duration.ofSeconds(30)).GET().build();
                    long t0 = System.nanoTime();
                    String failure = null;
                    String rankedBy = null;
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failure = Integer.toString(r.statusCode());
                        } else {
                            rankedBy = Json.MAPPER.readTree(r.body()).path("debug").path("rankedBy").asText();
                        }
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    }
                    latencies[(int) done.getAndIncrement()] = (System.nanoTime() - t0) / 1000;
                    if (failure != null) {
                        failures.merge(failure, 1, Integer::sum);
                    } else if (!rankedBy.startsWith("learned")) {
                        notLearned.merge(rankedBy, 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        pool.shutdown();
        int sent = (int) done.get();
        return new Result(sent, new TreeMap<>(failures), new TreeMap<>(notLearned), Arrays.copyOf(latencies, sent));
    }

    /** {@code RankedLoad <base url> <clients> <requests> <user prefix>}: prints the result; exit 1 if any request failed. */
    public static void main(String[] args) throws Exception {
        Result r = run(URI.create(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[2]),
                () -> false, args[3]);
        System.out.println(r);
        System.exit(r.failed() == 0 ? 0 : 1);
    }
}
