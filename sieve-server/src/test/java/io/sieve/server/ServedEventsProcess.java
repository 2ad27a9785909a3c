package io.sieve.server;

import io.sieve.config.ConfigLoader;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.nio.file.Path;

/**
 * The server in a process of its own, so that a test can kill it with SIGKILL: prints
 * {@code PORT <n>} once it listens, then serves until killed.
 */
public final class ServedEventsProcess {
    private ServedEventsProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir);
        SieveServer server = SieveServer.start(ConfigLoader.defaults(), store, dataDir, 0);
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
