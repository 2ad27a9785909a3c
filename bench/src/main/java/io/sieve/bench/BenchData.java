package io.sieve.bench;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.ingest.ImportFormat;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.files.Directories;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;

/** MovieLens latest-small imported into a temporary RocksDB store and trained: the benchmarks' world. */
final class BenchData implements AutoCloseable {
    final Path dataDir;
    final Store store;
    final ModelBundle bundle;
    final List<String> users;

    BenchData(SieveConfig config) throws Exception {
        Path dataset = Path.of(System.getProperty("sieve.dataset", "datasets/ml-latest-small"));
        dataDir = Files.createTempDirectory("sieve-bench");
        store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir);
        new Importer(store, store, config.types(), (read, total) -> { })
                .run(ImportSources.resolve(ImportFormat.named("movielens-latest"), dataset, null, null, null));
        bundle = new Trainer(config, Clock.systemUTC()).train(store);
        TreeSet<String> known = new TreeSet<>();
        store.forEachEvent(e -> known.add(e.user()));
        users = List.copyOf(known);
    }

    @Override
    public void close() throws Exception {
        store.close();
        Directories.deleteRecursively(dataDir);
    }
}
