package io.sieve.cli;

import io.sieve.config.ConfigException;
import io.sieve.config.SieveConfig;
import io.sieve.store.InvalidStoreUrlException;
import io.sieve.store.Store;
import io.sieve.store.StoreException;
import io.sieve.store.StoreProvider;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the store that the configuration's {@code store.url} names, for a command. */
final class Stores {
    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private Stores() {
    }

    /**
     * The configured store's URL, once its provider has accepted it.
     *
     * @throws ConfigException naming {@code store.url} and, for an unknown scheme, the known ones
     */
    static StoreUrl url(SieveConfig config) {
        try {
            StoreUrl url = StoreUrl.parse(config.store().url());
            StoreProviders.provider(url);
            return url;
        } catch (InvalidStoreUrlException e) {
            throw new ConfigException(List.of("store.url: " + e.getMessage()));
        }
    }

    /**
     * Opens the store for reading and writing, warning when nothing written will outlive the process.
     * A store held by another process (a running server) is locked: the user's to resolve, not a crash.
     */
    static Store open(SieveConfig config, Path dataDir) {
        StoreUrl url = url(config);
        StoreProvider provider = StoreProviders.provider(url);
        if (!provider.durable()) {
            LOG.warn("store.url {} is not durable: what is written is lost when this process stops, and nothing survives a restart", url);
        }
        try {
            return provider.open(url, dataDir);
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A read-only view that works beside a running server: what training, evaluation and export read. */
    static Store openSnapshot(SieveConfig config, Path dataDir) {
        StoreUrl url = url(config);
        StoreProvider provider = StoreProviders.provider(url);
        try {
            return provider.openSnapshot(url, dataDir);
        } catch (StoreException e) {
            // A durable store that cannot be read is most often one not written yet.
            throw new UserError(e.getMessage() + (provider.durable() ? " (run 'sieve import' first?)" : ""));
        }
    }
}
