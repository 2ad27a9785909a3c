package io.sieve.online;

import io.sieve.config.ConfigException;
import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.store.RecentImpressions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Opens the online state {@code online.url} names: the server's own when it is empty. */
public final class OnlineStates {
    private OnlineStates() {
    }

    /**
     * Checks {@code online.url} without connecting.
     *
     * @throws ConfigException naming {@code online.url}, and the known schemes when the scheme is unknown
     */
    public static void check(SieveConfig config) {
        String url = config.online().url();
        if (!url.isBlank()) {
            URI uri = parse(url);
            try {
                provider(uri).check(uri);
            } catch (IllegalArgumentException e) {
                throw problem(e.getMessage());
            }
        }
    }

    public static OnlineState open(SieveConfig config, ItemStatistics statistics, RecentImpressions store) {
        String url = config.online().url();
        if (url.isBlank()) {
            return new LocalOnlineState(statistics, store);
        }
        check(config);
        URI uri = parse(url);
        return provider(uri).open(uri, config, statistics, store);
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                throw problem("'" + url + "' names no scheme, such as redis://host:6379");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw problem("'" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static OnlineStateProvider provider(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        TreeSet<String> known = new TreeSet<>();
        for (OnlineStateProvider provider : ServiceLoader.load(OnlineStateProvider.class)) {
            if (provider.scheme().equals(scheme)) {
                return provider;
            }
            known.add(provider.scheme());
        }
        throw problem("unknown scheme '" + scheme + "'; known: " + String.join(", ", known));
    }

    private static ConfigException problem(String reason) {
        return new ConfigException(List.of("online.url: " + reason));
    }
}
