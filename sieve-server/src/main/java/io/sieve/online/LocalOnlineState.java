package io.sieve.online;

import io.sieve.feature.ItemStatistics;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.RecentImpressions;
import java.util.List;
import java.util.Optional;

/** One server's online state, unshared: its own item statistics, and recent slates from the store. */
final class LocalOnlineState implements OnlineState {
    private final ItemStatistics statistics;
    private final RecentImpressions store;

    LocalOnlineState(ItemStatistics statistics, RecentImpressions store) {
        this.statistics = statistics;
        this.store = store;
    }

    @Override
    public void accepted(List<Event> events) {
        events.forEach(statistics::apply);
    }

    @Override
    public void served(Impression impression) {
        statistics.apply(impression);
    }

    @Override
    public List<Impression> recentImpressions(String userId, int limit) {
        return store.recentImpressions(userId, limit);
    }

    @Override
    public Optional<String> degraded() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
