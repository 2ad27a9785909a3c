package io.sieve.store;

import io.sieve.model.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The catalog ordered by creation time, newest first, so that new items can be found without a
 * scan (they have no interactions, so no behavioural source can retrieve them). Items without a
 * creation time are not in it.
 */
final class NewestItems {
    private record Entry(Instant createdAt, String id) {
    }

    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(
            Comparator.comparing(Entry::createdAt).reversed().thenComparing(Entry::id));

    /** @param previous the item this one replaces, or null */
    void put(Item previous, Item item) {
        remove(previous);
        if (item.createdAt() != null) {
            entries.add(new Entry(item.createdAt(), item.id()));
        }
    }

    void remove(Item item) {
        if (item != null && item.createdAt() != null) {
            entries.remove(new Entry(item.createdAt(), item.id()));
        }
    }

    List<String> newest(int limit) {
        List<String> out = new ArrayList<>(Math.min(limit, entries.size()));
        for (Entry e : entries) {
            if (out.size() == limit) {
                break;
            }
            out.add(e.id());
        }
        return out;
    }
}
