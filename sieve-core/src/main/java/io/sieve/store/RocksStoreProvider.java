package io.sieve.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code rocksdb:<path>}: the embedded store in that directory, a relative path taken from the data
 * directory ({@code rocksdb:store}, the default, is {@code <dataDir>/store}). Its snapshot is a
 * RocksDB secondary instance, which reads the files of a store another process holds open.
 */
public final class RocksStoreProvider implements StoreProvider {
    @Override
    public String scheme() {
        return "rocksdb";
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void check(StoreUrl url) {
        directory(url, Path.of(""));
    }

    @Override
    public Store open(StoreUrl url, Path dataDir) {
        return RocksStore.open(directory(url, dataDir));
    }

    @Override
    public Store openSnapshot(StoreUrl url, Path dataDir) {
        return RocksStore.openSnapshot(directory(url, dataDir));
    }

    private static Path directory(StoreUrl url, Path dataDir) {
        if (url.location().isBlank()) {
            throw new InvalidStoreUrlException("rocksdb: needs the store's directory, such as rocksdb:store (in the data directory) "
                    + "or rocksdb:/var/lib/sieve/store");
        }
        try {
            return dataDir.resolve(url.location());
        } catch (InvalidPathException e) {
            throw new InvalidStoreUrlException("rocksdb: '" + url.location() + "' is not a directory path: " + e.getReason());
        }
    }
}
