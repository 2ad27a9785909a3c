package io.sieve.bench;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.funnel.RequestContext;
import io.sieve.rank.FeatureDrift;
import io.sieve.rank.LearnedRanker;
import io.sieve.funnel.Candidate;
import io.sieve.funnel.Ranked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The learned ranker on 500 candidates of one request (MovieLens latest-small, requests of users
 * whose filtered candidate list holds at least 500 items): {@code features} assembles the feature
 * rows only, {@code featuresAndModel} adds the LightGBM scoring of every row, and {@code rank} is
 * the whole rank stage (blend first pass, features, model, SHAP explanations of the top 10), and
 * {@code rankWatchedForDrift} the same with the server's drift monitor ({@link FeatureDrift}) as
 * configured (one request in {@code monitoring.drift.sampleEvery}), and {@code driftCounting} the
 * monitor alone counting one request's 500 scored rows into the bundle's training bins (what a
 * sampled request costs on top of {@code rank}; on these noisy machines a direct figure says more
 * than the difference of two benchmarks run minutes apart).
 *
 * <p>Run: {@code bench/run-jmh.sh RankerBenchmark} (sample mode reports p50 / p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RankerBenchmark {
    private static final int CANDIDATES = 500;

    private BenchData data;
    private ExecutorService executor;
    private ItemStatistics statistics;
    private LearnedRanker ranker;
    private LearnedRanker watched;
    private FeatureDrift everyRequest;
    private final List<float[]> rows = new ArrayList<>();
    private final List<Map<String, double[]>> scores = new ArrayList<>();
    private final List<RequestContext> contexts = new ArrayList<>();
    private final List<List<Candidate>> filtered = new ArrayList<>();
    private final List<List<Candidate>> heads = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(),
                Map.of("ranking.candidates", String.valueOf(CANDIDATES), "ranking.gate", "false"));
        data = new BenchData(config);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        statistics = ItemStatistics.replayed(config, data.store);
        Pipeline pipeline = PipelineFactory.create(config, data.store, statistics, executor);
        ranker = (LearnedRanker) pipeline.ranker();
        var drift = config.monitoring().drift();
        watched = (LearnedRanker) PipelineFactory.create(config, data.store, statistics, data.store, executor,
                new FeatureDrift(drift.windowRequests(), drift.minRequests(), drift.psiThreshold(), drift.sampleEvery(), drift.ignore())).ranker();
        everyRequest = new FeatureDrift(drift.windowRequests(), drift.minRequests(), drift.psiThreshold(), 1, drift.ignore());
        for (String user : data.users) {
            RequestContext context = pipeline.context(RecommendationRequest.of(user, 10), data.bundle);
            List<Candidate> kept = pipeline.filters().apply(pipeline.retrieval().retrieve(context).candidates(), context).kept();
            List<Candidate> head = ranker.firstPass(context, kept);
            if (head.size() == CANDIDATES) {
                float[] features = ranker.assembler().assemble(context, head, statistics);
                rows.add(features);
                scores.add(Map.of("click", data.bundle.ranker().predict("click", features, CANDIDATES)));
                contexts.add(context);
                filtered.add(kept);
                heads.add(List.copyOf(head));
            }
            if (contexts.size() == 50) {
                break;
            }
        }
        if (contexts.isEmpty() || data.bundle.ranker().isEmpty() || data.bundle.ranker().reference().isEmpty()) {
            throw new IllegalStateException("no request with " + CANDIDATES + " candidates, or no ranker model with a drift reference");
        }
    }

    @Benchmark
    public float[] features() {
        int i = next++ % contexts.size();
        return ranker.assembler().assemble(contexts.get(i), heads.get(i), statistics);
    }

    @Benchmark
    public double[] featuresAndModel() {
        int i = next++ % contexts.size();
        float[] rows = ranker.assembler().assemble(contexts.get(i), heads.get(i), statistics);
        return data.bundle.ranker().predict("click", rows, CANDIDATES);
    }

    @Benchmark
    public Ranked rank() {
        int i = next++ % contexts.size();
        return ranker.rank(contexts.get(i), filtered.get(i));
    }

    @Benchmark
    public Ranked rankWatchedForDrift() {
        int i = next++ % contexts.size();
        return watched.rank(contexts.get(i), filtered.get(i));
    }

    @Benchmark
    public FeatureDrift driftCounting() {
        int i = next++ % contexts.size();
        everyRequest.scored(data.bundle.ranker(), rows.get(i), CANDIDATES, scores.get(i));
        return everyRequest;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        executor.close();
        data.close();
    }
}
