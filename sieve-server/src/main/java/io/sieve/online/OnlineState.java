package io.sieve.online;

import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.RecentImpressions;
import java.util.List;
import java.util.Optional;

/**
 * The state a server changes as it works and reads on the request path: the feature store's item
 * counters (held by {@link io.sieve.feature.ItemStatistics} in this process, read by every request)
 * and each user's recently served slates (read by fatigue). In one process it is just those; with
 * several replicas it is shared, so that replicas answer as one (see {@code docs/DEPLOY.md}).
 *
 * <p>Nothing here is the system of record: events and impressions are in the store, and a replica
 * that loses the shared state goes on from its own and the store's, and says so in {@link #degraded}.
 */
public interface OnlineState extends ServingListener, RecentImpressions, AutoCloseable {

    /** Counts the events here at once, and passes them on to the other replicas. */
    @Override
    void accepted(List<Event> events);

    /** Counts the slate here at once, keeps it as the user's latest, and passes it on. */
    @Override
    void served(Impression impression);

    /** Registers what an operator watches of it (updates shared, dropped), when there is anything. */
    default void registerMetrics(MeterRegistry registry) {
    }

    /** Why the shared state is not in use at the moment, if it is not. */
    Optional<String> degraded();

    @Override
    void close();
}
