package io.sieve.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code memory:}: a store held in this process's memory, for tests and for trying things; nothing
 * survives the process. There is one per data directory while it is open, so that a snapshot
 * opened in the same process (by a test, or by training beside an in-process server) reads it, as
 * a RocksDB snapshot reads the store on disk; it is a copy, taken under the store's lock. Another
 * process finds no memory store to read and is told so.
 */
public final class MemoryStoreProvider implements StoreProvider {
    private static final Map<Path, InMemoryStore> OPEN = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void check(StoreUrl url) {
        if (!url.location().isEmpty()) {
            throw new InvalidStoreUrlException("memory: takes nothing after the colon (found '" + url.location() + "')");
        }
    }

    @Override
    public Store open(StoreUrl url, Path dataDir) {
        check(url);
        Path key = key(dataDir);
        InMemoryStore store = new InMemoryStore(closed -> OPEN.remove(key, closed));
        if (OPEN.putIfAbsent(key, store) != null) {
            throw new StoreException("a memory: store for " + dataDir + " is already open in this process", null);
        }
        return store;
    }

    @Override
    public Store openSnapshot(StoreUrl url, Path dataDir) {
        check(url);
        InMemoryStore store = OPEN.get(key(dataDir));
        if (store == null) {
            throw new StoreException("there is no store to read: memory: keeps its data inside the process that opened it, "
                    + "and none is open here for " + dataDir + " (use a rocksdb: store to train or export beside a server)", null);
        }
        return store.snapshot();
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }
}
