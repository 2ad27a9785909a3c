package io.sieve.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Durable ingest throughput: {@code clients} clients each send {@code batches} batches of
 * {@code size} events to {@code POST /v1/events/batch}, each waiting for its answer (202: the
 * batch is synced to the store's write-ahead log) before the next. Events are distinct (user,
 * item, millisecond), so none is deduplicated away.
 *
 * <p>Usage: {@code IngestLoad <base url> <clients> <batches per client> <events per batch> <items>}.
 * Prints events per second over the whole run and the batch latency percentiles.
 */
public final class IngestLoad {
    private IngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]).resolve("/v1/events/batch");
        int clients = Integer.parseInt(args[1]);
        int batches = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int items = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
        long base = Instant.now().minus(Duration.ofDays(1)).toEpochMilli();
        // Bodies are built before the clock starts: the figure is the server's, not JSON writing here.
        List<List<String>> bodies = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(c);
            List<String> mine = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                StringBuilder body = new StringBuilder(size * 90).append("{\"events\":[");
                for (int e = 0; e < size; e++) {
                    long n = ((long) b * size + e);
                    body.append(e == 0 ? "" : ",").append("{\"user\":\"ingest-").append(c).append('-').append(n % 5000)
                            .append("\",\"item\":\"i").append(random.nextInt(items)).append("\",\"type\":\"view\",\"timestamp\":\"")
                            .append(Instant.ofEpochMilli(base + n * clients + c)).append("\"}");
                }
                mine.add(body.append("]}").toString());
            }
            bodies.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Integer>> failures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<String> mine = bodies.get(c);
            failures.add(pool.submit(() -> {
                int failed = 0;
                for (String body : mine) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latency.recordValue((System.nanoTime() - t0) / 1000);
                    failed += r.statusCode() == 202 ? 0 : 1;
                }
                return failed;
            }));
        }
        int failed = 0;
        for (Future<Integer> f : failures) {
            failed += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long events = (long) clients * batches * size;
        System.out.printf("| %d clients x %d batches of %,d | %,.0f events/s | %.1f ms | %.1f ms | %d |%n", clients, batches, size,
                events / seconds, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0, failed);
    }
}
