package io.sieve.online;

import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.store.RecentImpressions;
import java.net.URI;

/**
 * A kind of shared online state, found by the scheme of {@code online.url} through
 * {@link java.util.ServiceLoader} (a line naming the class in
 * {@code META-INF/services/io.sieve.online.OnlineStateProvider}).
 */
public interface OnlineStateProvider {

    /** The URL scheme this provider opens, lower case. */
    String scheme();

    /**
     * Checks the URL without connecting, so that {@code sieve validate} can report it.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    void check(URI url);

    /**
     * Connects. Never fails because the service is down: the state starts degraded and recovers
     * when the service is back.
     *
     * @param statistics the server's item statistics, which the other replicas' updates are applied to
     * @param store      where users' recent slates are read while the shared state is down
     */
    OnlineState open(URI url, SieveConfig config, ItemStatistics statistics, RecentImpressions store);
}
