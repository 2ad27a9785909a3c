package io.sieve.bench;

import io.sieve.graph.BoostedVisits;
import io.sieve.graph.InteractionGraph;
import io.sieve.graph.PixieWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The graph source's walk per request on a 10M-edge graph with the default limits (4 segments of
 * 2.5M edges, 1,000 edges per node per segment) and with 10 segments of 1M: 500,000 users with skewed activity, 100,000 items
 * with Zipf popularity in 50 categories, a user's edges 80% in their home category (as
 * ../shared/tools/synthetic.py draws them). Each call walks from a random user's latest 20 items
 * with the default settings (5,000 steps, restart 0.5). Setup prints the edges held, their bytes
 * per edge and the longest single add, which is a sealing.
 *
 * <p>Run: {@code bench/run-jmh.sh GraphWalkBenchmark -jvmArgs -Xmx6g -wi 8}: the compiled code settles only
 * after about 20 s, so three warm-up iterations leave slow ones in the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GraphWalkBenchmark {
    static final int USERS = 500_000;
    static final int ITEMS = 100_000;
    static final int CATEGORIES = 50;
    static final long EDGES = 10_000_000;
    static final int ANCHORS = 20;

    @Param({"5000"})
    public int steps;

    /** The default, 4 segments of 2.5M edges, against 10 of 1M: a step samples across every segment. */
    @Param({"4", "10"})
    public int segments;

    private InteractionGraph graph;
    private final List<List<PixieWalk.Anchor>> requests = new ArrayList<>();
    private PixieWalk.Settings settings;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        graph = new InteractionGraph(new InteractionGraph.Limits(1_000, (int) (EDGES / segments), segments, 0));
        SplittableRandom random = new SplittableRandom(7);
        double[] zipf = new double[ITEMS / CATEGORIES];
        double sum = 0;
        for (int r = 0; r < zipf.length; r++) {
            sum += 1.0 / (r + 1);
            zipf[r] = sum;
        }
        long longestAdd = 0;   // a sealing: the open segment merged into the sealed tables
        List<List<String>> latest = new ArrayList<>();
        for (int u = 0; u < 1_000; u++) {
            latest.add(new ArrayList<>());
        }
        for (long e = 0; e < EDGES; e++) {
            int user = (int) (USERS * Math.pow(random.nextDouble(), 2));
            int category = random.nextDouble() < 0.8 ? user % CATEGORIES : random.nextInt(CATEGORIES);
            int rank = java.util.Arrays.binarySearch(zipf, random.nextDouble() * sum);
            int item = Math.min(rank < 0 ? -rank - 1 : rank, zipf.length - 1) * CATEGORIES + category;
            long before = System.nanoTime();
            graph.add("u" + user, "i" + item, e);
            longestAdd = Math.max(longestAdd, System.nanoTime() - before);
            if (user < latest.size()) {
                latest.get(user).add("i" + item);
            }
        }
        for (List<String> items : latest) {
            List<PixieWalk.Anchor> anchors = new ArrayList<>();
            for (int i = items.size() - 1; i >= 0 && anchors.size() < ANCHORS; i--) {
                anchors.add(new PixieWalk.Anchor(graph.item(items.get(i)), 1));
            }
            if (!anchors.isEmpty()) {
                requests.add(anchors);
            }
        }
        settings = new PixieWalk.Settings(steps, 0.5, 4, 1_000);
        System.out.printf("%n%,d edges held, %.1f bytes per edge, %,d requests, longest add (a sealing) %.0f ms%n", graph.edges(),
                graph.edgeBytes() / (double) graph.edges(), requests.size(), longestAdd / 1e6);
    }

    @Benchmark
    public BoostedVisits walk() {
        int request = next++ % requests.size();
        return PixieWalk.walk(graph.view(), requests.get(request), settings, request);
    }
}
