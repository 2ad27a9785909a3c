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
 * A store held in memory ({@code memory:}): nothing is durable. Offline evaluation uses one to
 * serve a training split through the same pipeline the server runs. Ids are ordered by code point,
 * which is the order of their UTF-8 bytes in the embedded store (String's own order differs for
 * characters outside the Basic Multilingual Plane).
 */
public final class InMemoryStore implements Store {
    private static final Comparator<String> CODE_POINTS = InMemoryStore::compareCodePoints;
    private static final Comparator<Event> BY_TIME = Comparator.comparing(Event::timestamp)
            .thenComparing(Event::user, CODE_POINTS).thenComparing(Event::item, CODE_POINTS)
            .thenComparing(Event::type, CODE_POINTS);

    private final Map<String, Item> items = new TreeMap<>(CODE_POINTS);
    private final NewestItems newest = new NewestItems();
    private final Map<String, User> users = new TreeMap<>(CODE_POINTS);
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
    /** A snapshot refuses writes. */
    private final boolean readOnly;
    private final Consumer<InMemoryStore> onClose;

    public InMemoryStore() {
        this(false, closed -> { });
    }

    /** @param onClose given this store when it is closed */
    InMemoryStore(Consumer<InMemoryStore> onClose) {
        this(false, onClose);
    }

    private InMemoryStore(boolean readOnly, Consumer<InMemoryStore> onClose) {
        this.readOnly = readOnly;
        this.onClose = onClose;
    }

    /** A read-only copy of the store as it is now; later writes to this store do not reach it. */
    InMemoryStore snapshot() {
        InMemoryStore copy = new InMemoryStore(true, closed -> { });
        synchronized (this) {
            synchronized (impressionLock) {
                copy.putAll(this);
            }
        }
        return copy;
    }

    private void putAll(InMemoryStore source) {
        source.items.values().forEach(i -> newest.put(items.put(i.id(), i), i));
        users.putAll(source.users);
        events.addAll(source.events);
        source.byUser.forEach((user, own) -> byUser.put(user, new TreeSet<>(own)));
        impressions.putAll(source.impressions);
        source.impressionsByUser.forEach((user, shown) -> impressionsByUser.put(user, new TreeMap<>(shown)));
    }

    private void writable() {
        if (readOnly) {
            throw new StoreException("cannot write to a snapshot of a memory: store", null);
        }
    }

    @Override
    public synchronized void putItems(List<Item> batch) {
        writable();
        batch.forEach(i -> newest.put(items.put(i.id(), i), i));
    }

    @Override
    public synchronized Optional<Item> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public synchronized boolean deleteItem(String id) {
        writable();
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
        writable();
        batch.forEach(u -> users.put(u.id(), u));
    }

    @Override
    public synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized boolean deleteUser(String id) {
        writable();
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
        writable();
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
        writable();
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
        onClose.accept(this);
    }

    /** Identifies an impression to the millisecond, like the embedded store's keys. */
    private record ImpressionKey(long millis, String requestId) implements Comparable<ImpressionKey> {
        @Override
        public int compareTo(ImpressionKey o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : compareCodePoints(requestId, o.requestId);
        }
    }

    /** Events are identified to the millisecond, like the embedded store's keys. */
    private static Event identity(Event e) {
        long millis = e.timestamp().toEpochMilli();
        if (e.timestamp().getNano() % 1_000_000 == 0) {
            return e;
        }
        return new Event(e.user(), e.item(), e.type(), e.value(), Instant.ofEpochMilli(millis),
                e.requestId(), e.surface());
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
