package io.sieve.train;

import io.sieve.ann.ItemIndex;
import io.sieve.model.Event;
import io.sieve.train.cf.InteractionMatrix;
import io.sieve.model.EventTypes;
import io.sieve.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The event log condensed for training: per user, each item once with its summed event weight,
 * ordered by the time of its latest event. Net weights may be negative (a dislike outweighing a
 * view); popularity and co-visitation count only the positive ones.
 */
public final class Interactions {
    /** One user's items in time order, with net weights (may be negative). */
    public record UserItems(String user, int[] items, float[] weights) {
    }

    private final ItemIndex items;
    private final List<UserItems> users;
    private final Instant watermark;
    private final long events;
    private final List<Event> positiveEvents;

    private Interactions(ItemIndex items, List<UserItems> users, Instant watermark, long events, List<Event> positiveEvents) {
        this.items = items;
        this.users = users;
        this.watermark = watermark;
        this.events = events;
        this.positiveEvents = positiveEvents;
    }

    public static Interactions load(Store store, EventTypes types) {
        TreeSet<String> itemIds = new TreeSet<>();
        store.forEachItem(i -> itemIds.add(i.id()));
        Map<String, Map<String, double[]>> byUser = new LinkedHashMap<>();
        List<Event> positive = new ArrayList<>();
        long[] count = {0};
        Instant[] latest = {Instant.EPOCH};
        store.forEachEvent(e -> {
            count[0]++;
            itemIds.add(e.item());
            if (e.timestamp().isAfter(latest[0])) {
                latest[0] = e.timestamp();
            }
            double w = types.weightOf(e);
            if (w > 0) {
                positive.add(e);
            }
            double[] agg = byUser.computeIfAbsent(e.user(), u -> new LinkedHashMap<>())
                    .computeIfAbsent(e.item(), i -> new double[2]);
            agg[0] += w;
            agg[1] = Math.max(agg[1], e.timestamp().toEpochMilli());
        });
        ItemIndex index = new ItemIndex(List.copyOf(itemIds));
        List<UserItems> users = new ArrayList<>(byUser.size());
        byUser.forEach((user, itemMap) -> users.add(condense(user, itemMap, index)));
        return new Interactions(index, users, latest[0], count[0], positive);
    }

    private static UserItems condense(String user, Map<String, double[]> itemMap, ItemIndex index) {
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(itemMap.entrySet());
        entries.sort((a, b) -> Double.compare(a.getValue()[1], b.getValue()[1]));
        int n = entries.size();
        int[] items = new int[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            items[i] = index.indexOf(entries.get(i).getKey());
            weights[i] = (float) entries.get(i).getValue()[0];
        }
        return new UserItems(user, items, weights);
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

    /** Events with positive weight, in time order: the input of trending. */
    public List<Event> positiveEvents() {
        return positiveEvents;
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
