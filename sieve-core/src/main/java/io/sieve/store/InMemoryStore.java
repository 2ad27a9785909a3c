package io.sieve.store;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * A store held in memory. Offline evaluation uses it to serve a training split through the same
 * pipeline the server runs; nothing is durable.
 */
public final class InMemoryStore implements Store {
    private static final Comparator<Event> BY_TIME = Comparator.comparing(Event::timestamp)
            .thenComparing(Event::user).thenComparing(Event::item).thenComparing(Event::type);

    private final Map<String, Item> items = new TreeMap<>();
    private final NewestItems newest = new NewestItems();
    private final Map<String, User> users = new TreeMap<>();
    private final TreeSet<Event> events = new TreeSet<>(BY_TIME);
    private final Map<String, TreeSet<Event>> byUser = new HashMap<>();
    /** Concurrent rather than guarded by the store's lock, so logging a slate never waits on a scan. */
    private final ConcurrentSkipListMap<ImpressionKey, Impression> impressions = new ConcurrentSkipListMap<>();
    /**
     * Guards writes to {@link #impressions} and all of {@link #impressionsByUser}, so the index and
     * the log agree. Taken after the store's lock where both are needed, never before it.
     */
    private final Object impressionLock = new Object();
    /** The impressions of each user, as in the log. */
    private final Map<String, TreeMap<ImpressionKey, Impression>> impressionsByUser = new HashMap<>();

    @Override
    public synchronized void putItems(List<Item> batch) {
        batch.forEach(i -> newest.put(items.put(i.id(), i), i));
    }

    @Override
    public synchronized Optional<Item> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public synchronized boolean deleteItem(String id) {
        Item removed = items.remove(id);
        newest.remove(removed);
        return removed != null;
    }

    @Override
    public List<String> newestItems(int limit) {
        return newest.newest(limit);
    }

    @Override
    public synchronized void forEachItem(Consumer<Item> action) {
        List.copyOf(items.values()).forEach(action);
    }

    @Override
    public synchronized long itemCount() {
        return items.size();
    }

    @Override
    public synchronized void putUsers(List<User> batch) {
        batch.forEach(u -> users.put(u.id(), u));
    }

    @Override
    public synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized boolean deleteUser(String id) {
        boolean existed = users.remove(id) != null;
        TreeSet<Event> own = byUser.remove(id);
        if (own != null) {
            events.removeAll(own);
            existed = true;
        }
        synchronized (impressionLock) {
            TreeMap<ImpressionKey, Impression> shown = impressionsByUser.remove(id);
            if (shown != null) {
                shown.keySet().forEach(impressions::remove);
                existed = true;
            }
        }
        return existed;
    }

    @Override
    public synchronized void forEachUser(Consumer<User> action) {
        List.copyOf(users.values()).forEach(action);
    }

    @Override
    public synchronized void appendEvents(List<Event> batch) {
        for (Event e : batch) {
            Event key = identity(e);
            events.remove(key);
            events.add(key);
            TreeSet<Event> own = byUser.computeIfAbsent(e.user(), u -> new TreeSet<>(BY_TIME));
            own.remove(key);
            own.add(key);
        }
    }

    @Override
    public synchronized List<Event> history(String userId, int limit) {
        TreeSet<Event> own = byUser.get(userId);
        if (own == null) {
            return List.of();
        }
        List<Event> result = new ArrayList<>(Math.min(limit, own.size()));
        for (Event e : own.descendingSet()) {
            if (result.size() >= limit) {
                break;
            }
            result.add(e);
        }
        return result;
    }

    @Override
    public synchronized List<Event> historyPage(String userId, Instant before, int limit) {
        HistoryPage page = new HistoryPage(limit);
        for (Event e : byUser.getOrDefault(userId, new TreeSet<>(BY_TIME)).descendingSet()) {
            if (before != null && e.timestamp().toEpochMilli() >= before.toEpochMilli()) {
                continue;
            }
            if (!page.offer(e)) {
                break;
            }
        }
        return page.events();
    }

    @Override
    public synchronized void forEachEvent(Consumer<Event> action) {
        List.copyOf(events).forEach(action);
    }

    @Override
    public synchronized long eventCount() {
        return events.size();
    }

    @Override
    public void logImpressions(List<Impression> batch) {
        synchronized (impressionLock) {
            for (Impression imp : batch) {
                ImpressionKey key = new ImpressionKey(imp.timestamp().toEpochMilli(), imp.requestId());
                Impression previous = impressions.put(key, imp);
                if (previous != null && previous.user() != null && !previous.user().equals(imp.user())) {
                    TreeMap<ImpressionKey, Impression> old = impressionsByUser.get(previous.user());
                    old.remove(key);
                    if (old.isEmpty()) {
                        impressionsByUser.remove(previous.user());
                    }
                }
                if (imp.user() != null) {
                    impressionsByUser.computeIfAbsent(imp.user(), u -> new TreeMap<>()).put(key, imp);
                }
            }
        }
    }

    @Override
    public List<Impression> recentImpressions(String userId, int limit) {
        synchronized (impressionLock) {
            TreeMap<ImpressionKey, Impression> own = impressionsByUser.get(userId);
            if (own == null || limit <= 0) {
                return List.of();
            }
            List<Impression> result = new ArrayList<>(Math.min(limit, own.size()));
            for (Impression imp : own.descendingMap().values()) {
                if (result.size() >= limit) {
                    break;
                }
                result.add(imp);
            }
            return result;
        }
    }

    @Override
    public void forEachImpression(Consumer<Impression> action) {
        impressions.values().forEach(action);
    }

    @Override
    public long impressionCount() {
        return impressions.size();
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** Identifies an impression to the millisecond, like the embedded store's keys. */
    private record ImpressionKey(long millis, String requestId) implements Comparable<ImpressionKey> {
        @Override
        public int compareTo(ImpressionKey o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : requestId.compareTo(o.requestId);
        }
    }

    /** Events are identified to the millisecond, like the embedded store's keys. */
    private static Event identity(Event e) {
        long millis = e.timestamp().toEpochMilli();
        if (e.timestamp().getNano() % 1_000_000 == 0) {
            return e;
        }
        return new Event(e.user(), e.item(), e.type(), e.value(), java.time.Instant.ofEpochMilli(millis),
                e.requestId(), e.surface());
    }
}
