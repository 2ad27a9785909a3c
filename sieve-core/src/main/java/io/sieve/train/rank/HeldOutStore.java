package io.sieve.train.rank;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A read-only view of a store with some events taken out: what a cross-fitting fold trains its
 * retrieval models on and serves its requests from. The held-out events are the labels of the
 * fold's requests, so neither the models nor the requests' histories have seen them, while
 * everything else (catalog, profiles, every other event) is the store itself, read in place.
 */
final class HeldOutStore implements Store {
    /** An event's identity in every store: user, item, type and millisecond. */
    record EventKey(String user, String item, String type, long millis) {
        static EventKey of(Event e) {
            return new EventKey(e.user(), e.item(), e.type(), e.timestamp().toEpochMilli());
        }
    }

    private final Store base;
    private final Set<EventKey> heldOut;
    private final Map<String, Integer> heldOutPerUser = new HashMap<>();

    HeldOutStore(Store base, Set<EventKey> heldOut) {
        this.base = base;
        this.heldOut = Set.copyOf(heldOut);
        heldOut.forEach(k -> heldOutPerUser.merge(k.user(), 1, Integer::sum));
    }

    @Override
    public List<Event> history(String userId, int limit) {
        int hidden = heldOutPerUser.getOrDefault(userId, 0);
        if (hidden == 0) {
            return base.history(userId, limit);
        }
        // Read as many more as could be hidden, so that the view still returns `limit` events.
        List<Event> out = new ArrayList<>(limit);
        for (Event e : base.history(userId, limit + hidden)) {
            if (out.size() == limit) {
                break;
            }
            if (!heldOut.contains(EventKey.of(e))) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public List<Event> historyPage(String userId, java.time.Instant before, int limit) {
        int hidden = heldOutPerUser.getOrDefault(userId, 0);
        List<Event> page = new ArrayList<>(limit);
        for (Event e : base.historyPage(userId, before, limit + hidden)) {
            if (page.size() >= limit && !e.timestamp().equals(page.getLast().timestamp())) {
                break;
            }
            if (!heldOut.contains(EventKey.of(e))) {
                page.add(e);
            }
        }
        return page;
    }

    @Override
    public void forEachEvent(Consumer<Event> action) {
        base.forEachEvent(e -> {
            if (!heldOut.contains(EventKey.of(e))) {
                action.accept(e);
            }
        });
    }

    @Override
    public long eventCount() {
        return Math.max(0, base.eventCount() - heldOut.size());
    }

    @Override
    public Optional<Item> item(String id) {
        return base.item(id);
    }

    @Override
    public void forEachItem(Consumer<Item> action) {
        base.forEachItem(action);
    }

    @Override
    public long itemCount() {
        return base.itemCount();
    }

    @Override
    public List<String> newestItems(int limit) {
        return base.newestItems(limit);
    }

    @Override
    public Optional<User> user(String id) {
        return base.user(id);
    }

    @Override
    public void forEachUser(Consumer<User> action) {
        base.forEachUser(action);
    }

    @Override
    public List<Impression> recentImpressions(String userId, int limit) {
        return base.recentImpressions(userId, limit);
    }

    @Override
    public void forEachImpression(Consumer<Impression> action) {
        base.forEachImpression(action);
    }

    @Override
    public long impressionCount() {
        return base.impressionCount();
    }

    @Override
    public void putItems(List<Item> items) {
        throw readOnly();
    }

    @Override
    public boolean deleteItem(String id) {
        throw readOnly();
    }

    @Override
    public void putUsers(List<User> users) {
        throw readOnly();
    }

    @Override
    public boolean deleteUser(String id) {
        throw readOnly();
    }

    @Override
    public void appendEvents(List<Event> events) {
        throw readOnly();
    }

    @Override
    public void logImpressions(List<Impression> impressions) {
        throw readOnly();
    }

    /** The base store belongs to the caller. */
    @Override
    public void close() {
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a training fold's view of the store is read-only");
    }
}
