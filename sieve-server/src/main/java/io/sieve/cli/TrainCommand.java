package io.sieve.cli;

import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.store.RocksStore;
import io.sieve.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a new model bundle from the store and make it the one to serve."
                + " A running server picks it up within server.bundlePollSeconds.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SieveConfig config = common.config();
        Path dataDir = common.dataDir();
        long start = System.nanoTime();
        // A snapshot, so that training works beside a running server that holds the store.
        try (RocksStore store = Stores.openSnapshot(dataDir)) {
            ModelBundle bundle = train(config, store, dataDir);
            var m = bundle.manifest();
            spec.commandLine().getOut().printf("trained bundle %s in %.1f s: %,d events, %,d users, %,d items, %,d co-visitation pairs%n",
                    m.version(), (System.nanoTime() - start) / 1e9, m.events(), m.users(), m.items(),
                    bundle.coVisitation().neighbours().length);
            spec.commandLine().getOut().println("bundle: " + new BundleStore(dataDir).root().resolve(m.version()));
        }
        return 0;
    }

    /** Trains and publishes; shared with {@code sieve demo}. */
    static ModelBundle train(SieveConfig config, RocksStore store, Path dataDir) {
        if (store.eventCount() == 0) {
            throw new UserError("the store in " + dataDir + " has no events: run 'sieve import' first");
        }
        ModelBundle bundle = new Trainer(config, Clock.systemUTC()).train(store);
        new BundleStore(dataDir).publish(bundle, config.training().bundlesToKeep());
        return bundle;
    }
}
