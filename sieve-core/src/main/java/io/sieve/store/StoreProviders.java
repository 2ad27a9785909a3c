package io.sieve.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The store providers on the class path, by scheme: how a {@code store.url} becomes a {@link Store}. */
public final class StoreProviders {
    private StoreProviders() {
    }

    /** Opens the store at {@code url}, for reading and writing; see {@link StoreProvider#open}. */
    public static Store open(StoreUrl url, Path dataDir) {
        return provider(url).open(url, dataDir);
    }

    /** Opens a snapshot of the store at {@code url}; see {@link StoreProvider#openSnapshot}. */
    public static Store openSnapshot(StoreUrl url, Path dataDir) {
        return provider(url).openSnapshot(url, dataDir);
    }

    /**
     * The provider of the URL's scheme, having checked the URL's location.
     *
     * @throws InvalidStoreUrlException for an unknown scheme (naming the known ones) or a location the provider refuses
     */
    public static StoreProvider provider(StoreUrl url) {
        Map<String, StoreProvider> providers = byScheme();
        StoreProvider provider = providers.get(url.scheme());
        if (provider == null) {
            throw new InvalidStoreUrlException("no store is called '" + url.scheme() + ":' (in " + url + "); known: "
                    + String.join(", ", providers.keySet().stream().map(s -> s + ":").toList()));
        }
        provider.check(url);
        return provider;
    }

    /**
     * Loaded on each call: a process opens a store or two, and a clash found here stays an ordinary
     * exception instead of breaking a class initialiser.
     */
    private static Map<String, StoreProvider> byScheme() {
        Map<String, StoreProvider> providers = new TreeMap<>();
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
            StoreProvider other = providers.putIfAbsent(p.scheme(), p);
            if (other != null) {
                throw new IllegalStateException("two store providers claim the scheme '" + p.scheme() + "': "
                        + other.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return providers;
    }
}
