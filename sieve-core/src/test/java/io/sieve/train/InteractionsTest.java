package io.sieve.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sieve.config.ConfigLoader;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.Item;
import io.sieve.store.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The streamed condensing agrees with the plain definition, computed here from a copy of the log. */
class InteractionsTest {
    private static final EventTypes TYPES = ConfigLoader.defaults().types();
    private static final Duration HALF_LIFE = Duration.ofHours(5);

    @Test
    void condensesEachUserAsTheDefinitionSays() {
        InMemoryStore store = new InMemoryStore();
        store.putItems(List.of(Item.of("never-seen", "a catalog item nobody touched", List.of())));
        List<Event> log = randomLog(new SplittableRandom(11), 4_000);
        store.appendEvents(log);
        Interactions data = Interactions.load(store, TYPES, HALF_LIFE);

        List<Event> inOrder = new ArrayList<>();
        store.forEachEvent(inOrder::add);
        TreeSet<String> ids = new TreeSet<>(List.of("never-seen"));
        inOrder.forEach(e -> ids.add(e.item()));
        assertEquals(List.copyOf(ids), data.items().ids());
        assertEquals(inOrder.size(), data.eventCount());
        long newest = inOrder.getLast().timestamp().toEpochMilli();
        assertEquals(newest, data.watermark().toEpochMilli());

        // Per user, in order of first event: items by their latest event, ties by first appearance.
        Map<String, Map<String, double[]>> expected = new LinkedHashMap<>();
        double[] trending = new double[ids.size()];
        for (Event e : inOrder) {
            double w = TYPES.weightOf(e);
            double[] agg = expected.computeIfAbsent(e.user(), u -> new LinkedHashMap<>()).computeIfAbsent(e.item(), i -> new double[2]);
            agg[0] += w;
            agg[1] = Math.max(agg[1], e.timestamp().toEpochMilli());
            if (w > 0) {
                double age = newest - e.timestamp().toEpochMilli();
                trending[data.items().indexOf(e.item())] += w * Math.pow(0.5, age / HALF_LIFE.toMillis());
            }
        }
        assertEquals(List.copyOf(expected.keySet()), data.users().stream().map(Interactions.UserItems::user).toList());
        for (Interactions.UserItems u : data.users()) {
            List<Map.Entry<String, double[]>> entries = new ArrayList<>(expected.get(u.user()).entrySet());
            entries.sort((a, b) -> Double.compare(a.getValue()[1], b.getValue()[1]));
            assertArrayEquals(entries.stream().mapToInt(en -> data.items().indexOf(en.getKey())).toArray(), u.items(), u.user());
            float[] weights = new float[entries.size()];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = (float) entries.get(k).getValue()[0];
            }
            assertArrayEquals(weights, u.weights(), u.user());
        }
        double[] streamed = data.trending();
        for (int i = 0; i < trending.length; i++) {
            assertEquals(trending[i], streamed[i], 1e-9 * Math.max(1, trending[i]), data.items().id(i));
        }
    }

    /** Few users and items, many repeats and equal milliseconds, negative and positive types. */
    private static List<Event> randomLog(SplittableRandom random, int n) {
        String[] types = {"view", "click", "purchase", "skip", "hide", "like"};
        List<Event> log = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long millis = 1_700_000_000_000L + random.nextLong(0, 240) * 60_000;   // minutes: many ties
            log.add(Event.of("u" + random.nextInt(40), "i" + random.nextInt(60), types[random.nextInt(types.length)],
                    Instant.ofEpochMilli(millis)));
        }
        return log;
    }
}
