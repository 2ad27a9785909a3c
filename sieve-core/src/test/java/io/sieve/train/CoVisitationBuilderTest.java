package io.sieve.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sieve.bundle.NeighbourTable;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig.CoVisitationTraining;
import io.sieve.model.Event;
import io.sieve.store.InMemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoVisitationBuilderTest {
    private static Interactions interactions(String... userItems) {
        InMemoryStore store = new InMemoryStore();
        List<Event> events = new ArrayList<>();
        long t = 0;
        for (String row : userItems) {
            String[] parts = row.split(":");
            for (String item : parts[1].split(",")) {
                events.add(Event.of(parts[0], item, "view", Instant.ofEpochSecond(t++)));
            }
        }
        store.appendEvents(events);
        return Interactions.load(store, ConfigLoader.defaults().types(), java.time.Duration.ofDays(7));
    }

    private static double sim(Interactions data, NeighbourTable table, String a, String b) {
        int i = data.items().indexOf(a);
        for (int p = table.start(i); p < table.end(i); p++) {
            if (data.items().id(table.neighbour(p)).equals(b)) {
                return table.score(p);
            }
        }
        return 0;
    }

    @Test
    void countsAreNormalisedByPopularityAsCosine() {
        // a and b co-occur for 2 users; a appears for 3 users, b for 2, c for 4 (a with c once).
        Interactions data = interactions("u1:a,b", "u2:a,b,c", "u3:a", "u4:c", "u5:c", "u6:c");
        NeighbourTable table = new CoVisitationBuilder(new CoVisitationTraining(0, 100, 10, 0.5, 0)).build(data);
        assertEquals(2 / Math.sqrt(3 * 2), sim(data, table, "a", "b"), 1e-6);
        assertEquals(1 / Math.sqrt(3 * 4), sim(data, table, "a", "c"), 1e-6);
        assertEquals(sim(data, table, "a", "b"), sim(data, table, "b", "a"), 1e-6);
        int a = data.items().indexOf("a");
        assertEquals("b", data.items().id(table.neighbour(table.start(a))));
    }

    @Test
    void aWindowOnlyPairsNearbyItemsAndShrinkDampsRarePairs() {
        Interactions data = interactions("u1:a,b,c,d");
        NeighbourTable windowed = new CoVisitationBuilder(new CoVisitationTraining(1, 100, 10, 0.5, 0)).build(data);
        assertEquals(1.0, sim(data, windowed, "a", "b"), 1e-6);
        assertEquals(0.0, sim(data, windowed, "a", "c"), 1e-6);
        NeighbourTable shrunk = new CoVisitationBuilder(new CoVisitationTraining(0, 100, 10, 0.5, 1)).build(data);
        assertEquals(0.5, sim(data, shrunk, "a", "d"), 1e-6);
    }

    @Test
    void onlyTheMostRecentItemsOfLongHistoriesArePairedAndNeighboursAreCapped() {
        Interactions data = interactions("u1:a,b,c,d,e");
        NeighbourTable table = new CoVisitationBuilder(new CoVisitationTraining(0, 3, 1, 0.5, 0)).build(data);
        assertEquals(0, table.end(data.items().indexOf("a")) - table.start(data.items().indexOf("a")));
        assertEquals(1, table.end(data.items().indexOf("d")) - table.start(data.items().indexOf("d")));
    }
}
