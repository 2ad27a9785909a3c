package io.sieve.bench;

import io.sieve.config.ConfigLoader;
import io.sieve.content.ItemText;
import io.sieve.content.TextEncoder;
import io.sieve.content.TextEncoders;
import io.sieve.ingest.ImportFormat;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.store.InMemoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Content encoding throughput: one batch of 256 MovieLens latest-small item texts (title, genres
 * and user tags, as training encodes them) through each encoder. Items per second = 256 / the
 * batch time. {@code minilm} runs ONNX Runtime on every core; {@code hashed} is one thread.
 *
 * <p>Run: {@code bench/run-jmh.sh EncoderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EncoderBenchmark {
    static final int BATCH = 256;

    @Param({"hashed", "minilm"})
    public String encoder;

    private TextEncoder model;
    private final List<List<String>> batches = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        InMemoryStore store = new InMemoryStore();
        new Importer(store, store, ConfigLoader.defaults().types(), (read, total) -> { }).run(ImportSources.resolve(
                ImportFormat.named("movielens-latest"), Path.of(System.getProperty("sieve.dataset", "datasets/ml-latest-small")),
                null, null, null));
        List<String> texts = new ArrayList<>();
        store.forEachItem(item -> texts.add(ItemText.of(item)));
        model = TextEncoders.fit(encoder, texts, 1024);
        for (int from = 0; from + BATCH <= texts.size(); from += BATCH) {
            batches.add(texts.subList(from, from + BATCH));
        }
    }

    @Benchmark
    public float[][] encodeBatch() {
        return model.encode(batches.get(next++ % batches.size()));
    }
}
