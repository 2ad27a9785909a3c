package io.sieve.train;

import io.sieve.ann.ItemIndex;
import io.sieve.model.EventTypes;
import io.sieve.model.IdNumbers;
import io.sieve.store.Store;
import io.sieve.train.cf.InteractionMatrix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event log condensed for training: per user, each item once with its summed event weight,
 * ordered by the time of its latest event. Net weights may be negative (a dislike outweighing a
 * view); popularity and co-visitation count only the positive ones.
 */
public final class Interactions {
    /** One user's items in time order, with net weights (may be negative) and each one's latest event's millisecond. */
    public record UserItems(String user, int[] items, float[] weights, long[] times) {
    }

    private final ItemIndex items;
    private final List<UserItems> users;
    private final Instant watermark;
    private final long events;
    private final double[] trending;
    private final List<List<String>> itemAttributes;

    private Interactions(ItemIndex items, List<UserItems> users, Instant watermark, long events, double[] trending,
                         List<List<String>> itemAttributes) {
        this.items = items;
        this.itemAttributes = itemAttributes;
        this.users = users;
        this.watermark = watermark;
        this.events = events;
        this.trending = trending;
    }

    /**
     * Reads the event log once, in time order, keeping per event only its item number, weight and
     * millisecond (20 bytes) until each user's history is condensed: the log itself is never held,
     * so a 30M-event store fits where a copy of its events would not.
     *
     * @param trendingHalfLife the half-life of {@link #trending()}'s decay
     */
    public static Interactions load(Store store, EventTypes types, Duration trendingHalfLife) {
        IdNumbers numbers = new IdNumbers();
        List<List<String>> attributesByNumber = new ArrayList<>();
        store.forEachItem(i -> {
            numbers.of(i.id());
            attributesByNumber.add(i.labelNames());
        });
        Map<String, UserLog> byUser = new LinkedHashMap<>();
        DecayedCounts trending = new DecayedCounts(trendingHalfLife.toMillis());
        long[] count = {0};
        long[] latest = {Instant.EPOCH.toEpochMilli()};
        store.forEachEvent(e -> {
            count[0]++;
            int item = numbers.of(e.item());
            long millis = e.timestamp().toEpochMilli();
            latest[0] = Math.max(latest[0], millis);
            double w = types.weightOf(e);
            if (w > 0) {
                trending.add(item, w, millis);
            }
            byUser.computeIfAbsent(e.user(), u -> new UserLog()).add(item, w, millis);
        });
        // The bundle's item index (ids sorted) is only known now: item numbers are mapped onto it.
        List<String> ids = new ArrayList<>(numbers.size());
        for (int n = 0; n < numbers.size(); n++) {
            ids.add(numbers.id(n));
        }
        ItemIndex index = new ItemIndex(ids.stream().sorted().toList());
        int[] renumber = new int[ids.size()];
        for (int n = 0; n < renumber.length; n++) {
            renumber[n] = index.indexOf(ids.get(n));
        }
        List<UserItems> users = new ArrayList<>(byUser.size());
        for (var it = byUser.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            users.add(entry.getValue().condense(entry.getKey(), renumber));
            it.remove();   // each log goes as soon as it is condensed
        }
        double[] trendingScores = new double[index.size()];
        double[] decayed = trending.asOf(latest[0], numbers.size());
        for (int p = 0; p < decayed.length; p++) {
            trendingScores[renumber[p]] = decayed[p];
        }
        List<List<String>> attributes = new ArrayList<>(java.util.Collections.nCopies(index.size(), List.of()));
        for (int p = 0; p < attributesByNumber.size(); p++) {
            attributes.set(renumber[p], attributesByNumber.get(p));
        }
        return new Interactions(index, users, Instant.ofEpochMilli(latest[0]), count[0], trendingScores, attributes);
    }

    /** Per bundle item index, its categories and tags (empty for an item seen only in events). */
    public List<List<String>> itemAttributes() {
        return itemAttributes;
    }

    public ItemIndex items() {
        return items;
    }

    public List<UserItems> users() {
        return users;
    }

    public Instant watermark() {
        return watermark;
    }

    public long eventCount() {
        return events;
    }

    /**
     * Per item, the positive event weights decayed exponentially to the newest event (the data's
     * "now") with the half-life given to {@link #load}.
     */
    public double[] trending() {
        return trending.clone();
    }

    /** Per item, the summed positive net weight over users: the popularity count. */
    public double[] popularity() {
        double[] pop = new double[items.size()];
        for (UserItems u : users) {
            for (int i = 0; i < u.items().length; i++) {
                if (u.weights()[i] > 0) {
                    pop[u.items()[i]] += u.weights()[i];
                }
            }
        }
        return pop;
    }

    /** Map from user id to that user's items, for segment counting. */
    public Map<String, UserItems> byUser() {
        Map<String, UserItems> map = new HashMap<>(users.size() * 2);
        users.forEach(u -> map.put(u.user(), u));
        return map;
    }

    /** The millisecond of each entry of {@link #positiveMatrix()}'s {@code cols}: its item's latest event by that user. */
    public long[] positiveTimes() {
        int count = 0;
        for (UserItems u : users) {
            for (float w : u.weights()) {
                count += w > 0 ? 1 : 0;
            }
        }
        long[] times = new long[count];
        int at = 0;
        for (UserItems u : users) {
            for (int p = 0; p < u.items().length; p++) {
                if (u.weights()[p] > 0) {
                    times[at++] = u.times()[p];
                }
            }
        }
        return times;
    }

    /** Every user's positive net weights; users with nothing positive get an empty row. */
    public InteractionMatrix positiveMatrix() {
        int[] rowStart = new int[users.size() + 1];
        for (int u = 0; u < users.size(); u++) {
            int positives = 0;
            for (float w : users.get(u).weights()) {
                positives += w > 0 ? 1 : 0;
            }
            rowStart[u + 1] = rowStart[u] + positives;
        }
        int[] cols = new int[rowStart[users.size()]];
        float[] values = new float[cols.length];
        for (int u = 0; u < users.size(); u++) {
            int at = rowStart[u];
            var row = users.get(u);
            for (int p = 0; p < row.items().length; p++) {
                if (row.weights()[p] > 0) {
                    cols[at] = row.items()[p];
                    values[at++] = row.weights()[p];
                }
            }
        }
        return new InteractionMatrix(users.stream().map(UserItems::user).toList(),
                items.size(), rowStart, cols, values);
    }
}
