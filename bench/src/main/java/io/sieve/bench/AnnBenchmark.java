package io.sieve.bench;

import io.sieve.ann.AnnParams;
import io.sieve.ann.ClusteredVectors;
import io.sieve.ann.ExactVectorIndex;
import io.sieve.ann.HnswVectorIndex;
import io.sieve.ann.Neighbour;
import io.sieve.ann.RandomSubset;
import io.sieve.ann.VectorIndex;
import io.sieve.ann.VectorIndexes;
import io.sieve.files.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * ANN index against the exact scan on seeded synthetic item vectors (unit length, gathered in
 * taste clusters): graph build time, recall@10 of the graph against the exact answer, and queries
 * per second on one thread, without a filter and with filters accepting a random 10% and 1% of the
 * items (below a crossover share the graph index scans the accepted items instead of walking the
 * graph), and unfiltered again with larger overquery to show what more recall costs. The index is
 * written and read back first, so the searches measured are those of a served bundle.
 *
 * <p>Run: {@code bench/ann-benchmark.sh} (arguments: item counts, default 100000 1000000).
 */
public final class AnnBenchmark {
    private static final int DIM = 64;
    private static final int QUERIES = 1_000;
    private static final int K = 10;
    private static final int WARM_UP_QUERIES = 100;
    private static final int TIMED_PASSES = 3;
    /** Unfiltered searches are repeated with these, to show what recall costs beyond the default. */
    private static final int[] MORE_OVERQUERY = {8, 16};

    private AnnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100_000, 1_000_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        AnnParams params = AnnParams.defaults();
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        System.out.printf("dim %d, %d queries, k %d, M %d, beamWidth %d, overquery %d, build threads %d, Vector API %s%n",
                DIM, QUERIES, K, params.m(), params.beamWidth(), params.overquery(),
                Runtime.getRuntime().availableProcessors(), vectorApi ? "on" : "off");
        System.out.println("| items | index | filter | recall@10 | queries/s | median µs | p99 µs | speed-up |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        List<String> builds = new ArrayList<>();
        for (int size : sizes) {
            builds.add(run(size, params));
        }
        System.out.println();
        System.out.println("| items | graph build | write | read back |");
        System.out.println("| --- | --- | --- | --- |");
        builds.forEach(System.out::println);
    }

    /** Prints the search rows for {@code count} items and returns the build row. */
    private static String run(int count, AnnParams params) throws Exception {
        ClusteredVectors clusters = new ClusteredVectors(DIM, Math.max(10, count / 1_000), 1.0f, 1);
        float[] vectors = clusters.sample(count, 2);
        float[][] queries = new float[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = clusters.sample(1, 1_000 + q);
        }
        ExactVectorIndex exact = new ExactVectorIndex(vectors, count, DIM);
        Path dir = Files.createTempDirectory("sieve-ann");
        try {
            long start = System.nanoTime();
            VectorIndex built = VectorIndexes.build(vectors, count, DIM, params);
            long afterBuild = System.nanoTime();
            VectorIndexes.write(built, dir, "items");
            long written = System.nanoTime();
            HnswVectorIndex graph = (HnswVectorIndex) VectorIndexes.read(dir, "items");
            long readBack = System.nanoTime();
            List<HnswVectorIndex> overqueries = new ArrayList<>(List.of(graph));
            for (int overquery : MORE_OVERQUERY) {
                overqueries.add(graph.withOverquery(overquery));
            }
            report(count, "none", exact, overqueries, queries, i -> true);
            report(count, "random 10%", exact, List.of(graph), queries, new RandomSubset(count, 0.1, 3));
            report(count, "random 1%", exact, List.of(graph), queries, new RandomSubset(count, 0.01, 4));
            return String.format("| %,d | %.1f s | %.1f s | %.1f s |", count,
                    seconds(afterBuild - start), seconds(written - afterBuild), seconds(readBack - written));
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static void report(int count, String filter, ExactVectorIndex exact, List<HnswVectorIndex> graphs,
                               float[][] queries, IntPredicate accept) {
        warmUp(exact, queries, accept);
        long[] exactNanos = new long[queries.length];
        List<Set<Integer>> truth = new ArrayList<>(queries.length);
        for (int q = 0; q < queries.length; q++) {
            long start = System.nanoTime();
            List<Neighbour> found = exact.search(queries[q], K, accept);
            exactNanos[q] = System.nanoTime() - start;
            truth.add(items(found));
        }
        Timing exactTiming = Timing.of(exactNanos);
        System.out.printf("| %,d | exact scan | %s | 1.000 | %,.0f | %.0f | %.0f | 1.0× |%n",
                count, filter, exactTiming.perSecond(), exactTiming.medianMicros(), exactTiming.p99Micros());
        for (HnswVectorIndex graph : graphs) {
            double recall = recall(graph, queries, accept, truth);
            Timing graphTiming = Timing.of(medianPass(graph, queries, accept));
            System.out.printf("| %,d | graph, overquery %d | %s | %.3f | %,.0f | %.0f | %.0f | %.1f× |%n",
                    count, graph.params().overquery(), filter, recall, graphTiming.perSecond(),
                    graphTiming.medianMicros(), graphTiming.p99Micros(), graphTiming.perSecond() / exactTiming.perSecond());
        }
    }

    private static void warmUp(VectorIndex index, float[][] queries, IntPredicate accept) {
        for (int q = 0; q < WARM_UP_QUERIES; q++) {
            index.search(queries[q], K, accept);
        }
    }

    private static double recall(VectorIndex graph, float[][] queries, IntPredicate accept, List<Set<Integer>> truth) {
        int hits = 0;
        int total = 0;
        for (int q = 0; q < queries.length; q++) {
            for (Neighbour n : graph.search(queries[q], K, accept)) {
                hits += truth.get(q).contains(n.item()) ? 1 : 0;
            }
            total += truth.get(q).size();
        }
        return (double) hits / total;
    }

    /** Latencies of the pass with the median total time among a few, after the recall pass warmed the code up. */
    private static long[] medianPass(VectorIndex graph, float[][] queries, IntPredicate accept) {
        long[][] passes = new long[TIMED_PASSES][queries.length];
        for (long[] pass : passes) {
            for (int q = 0; q < queries.length; q++) {
                long start = System.nanoTime();
                graph.search(queries[q], K, accept);
                pass[q] = System.nanoTime() - start;
            }
        }
        Arrays.sort(passes, (a, b) -> Long.compare(Arrays.stream(a).sum(), Arrays.stream(b).sum()));
        return passes[TIMED_PASSES / 2];
    }

    private static Set<Integer> items(List<Neighbour> neighbours) {
        Set<Integer> items = new HashSet<>();
        neighbours.forEach(n -> items.add(n.item()));
        return items;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Throughput and latency percentiles of one pass of queries run back to back. */
    private record Timing(double perSecond, double medianMicros, double p99Micros) {
        static Timing of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double total = Arrays.stream(sorted).sum();
            return new Timing(sorted.length / (total / 1e9), sorted[sorted.length / 2] / 1e3,
                    sorted[(int) (sorted.length * 0.99)] / 1e3);
        }
    }
}
