package io.sieve.bench;

import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.pipeline.Pipeline;
import io.sieve.feature.ItemStatistics;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One recommendation request through the whole funnel (context from RocksDB, parallel retrieval,
 * filters, ranking, slate) on MovieLens latest-small, for random known users: {@code learned} ranks
 * with LambdaMART, served whatever its validation says ({@code ranking.gate: false}: on this data the
 * default withholds it and serves the blend), {@code blend} with the sources' weighted blend. The
 * {@code popularity} variant, a single precomputed list, is the baseline the funnel is compared with.
 *
 * <p>Run: {@code bench/run-jmh.sh PipelineBenchmark} (sample mode reports p50 / p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmark {
    @Param({"learned", "blend", "popularity"})
    public String funnel;

    private BenchData data;
    private ExecutorService executor;
    private Pipeline pipeline;
    private final Random random = new Random(42);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SieveConfig config = ConfigLoader.defaults();
        config = ConfigLoader.withSettings(config, funnel.equals("learned")
                ? Map.of("ranking.gate", "false")
                : Map.of("ranking.type", "blend"));
        if (funnel.equals("popularity")) {
            Map<String, String> off = new java.util.HashMap<>();
            config.retrieval().sources().keySet().forEach(s ->
                    off.put("retrieval.sources." + s + ".enabled", String.valueOf(s.equals("popularity"))));
            config = ConfigLoader.withSettings(config, off);
        }
        data = new BenchData(config);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        pipeline = PipelineFactory.create(config, data.store, ItemStatistics.replayed(config, data.store), executor);
    }

    @Benchmark
    public Recommendations recommend() {
        String user = data.users.get(random.nextInt(data.users.size()));
        return pipeline.recommend(RecommendationRequest.of(user, 10), data.bundle);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        executor.close();
        data.close();
    }
}
