package io.sieve.simulate;

import io.sieve.config.ConfigLoader;
import io.sieve.ingest.ImportFormat;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.store.InMemoryStore;
import java.nio.file.Path;

/** The world the simulation tests borrow tastes from: the shipped MovieLens latest-small, in memory. */
final class Worlds {
    private static final Path MOVIELENS_LATEST_SMALL = Path.of("../datasets/ml-latest-small");

    private Worlds() {
    }

    static InMemoryStore movieLensLatestSmall() throws Exception {
        InMemoryStore world = new InMemoryStore();
        new Importer(world, world, ConfigLoader.defaults().types(), (read, total) -> { })
                .run(ImportSources.resolve(ImportFormat.named("movielens-latest"), MOVIELENS_LATEST_SMALL, null, null, null));
        return world;
    }
}
