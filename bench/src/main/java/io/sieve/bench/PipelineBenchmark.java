package io.sieve.bench;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.ingest.ImportFormat;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.pipeline.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import io.sieve.store.Directories;
import io.sieve.store.RocksStore;
import io.sieve.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
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
 * filters, blend, slate) on MovieLens latest-small, for random known users. The {@code popularity}
 * variant, a single precomputed list, is the baseline the full funnel is compared with.
 *
 * <p>Run: {@code bench/run-jmh.sh PipelineBenchmark} (sample mode reports p50 / p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmark {
    @Param({"funnel", "popularity"})
    public String sources;

    private Path dataDir;
    private RocksStore store;
    private ExecutorService executor;
    private Pipeline pipeline;
    private ModelBundle bundle;
    private List<String> users;
    private final Random random = new Random(42);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dataset = Path.of(System.getProperty("sieve.dataset", "datasets/ml-latest-small"));
        SieveConfig config = ConfigLoader.defaults();
        if (sources.equals("popularity")) {
            config = ConfigLoader.withSettings(config, Map.of(
                    "retrieval.sources.covisitation.enabled", "false",
                    "retrieval.sources.session.enabled", "false",
                    "retrieval.sources.trending.enabled", "false",
                    "retrieval.sources.segment.enabled", "false"));
        }
        dataDir = Files.createTempDirectory("sieve-bench");
        store = RocksStore.open(dataDir);
        new Importer(store, config.types(), (read, total) -> { })
                .run(ImportSources.resolve(ImportFormat.named("movielens-latest"), dataset, null, null, null));
        bundle = new Trainer(config, Clock.systemUTC()).train(store);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        pipeline = PipelineFactory.create(config, store, executor);
        TreeSet<String> known = new TreeSet<>();
        store.forEachEvent(e -> known.add(e.user()));
        users = List.copyOf(known);
    }

    @Benchmark
    public Recommendations recommend() {
        String user = users.get(random.nextInt(users.size()));
        return pipeline.recommend(RecommendationRequest.of(user, 10), bundle);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        executor.close();
        store.close();
        Directories.deleteRecursively(dataDir);
    }
}
