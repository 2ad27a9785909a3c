package io.sieve.cli;

import io.sieve.store.RocksStore;
import io.sieve.store.StoreException;
import java.nio.file.Path;

/** Opens the store for a command. */
final class Stores {
    private Stores() {
    }

    /** A store held by another process (a running server) is locked: the user's to resolve, not a crash. */
    static RocksStore open(Path dataDir) {
        try {
            return RocksStore.open(dataDir);
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A read-only view that works beside a running server: what training and evaluation read. */
    static RocksStore openSnapshot(Path dataDir) {
        try {
            return RocksStore.openSnapshot(dataDir);
        } catch (StoreException e) {
            throw new UserError(e.getMessage() + " (run 'sieve import' first?)");
        }
    }
}
