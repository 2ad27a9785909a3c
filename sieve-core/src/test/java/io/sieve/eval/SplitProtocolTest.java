package io.sieve.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitProtocolTest {
    private final EventTypes types = ConfigLoader.defaults().types();

    private static List<Event> log(int users, int itemsPerUser, long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Set<Integer> items = new HashSet<>();
            while (items.size() < itemsPerUser) {
                items.add(random.nextInt(200));
            }
            for (int i : items) {
                events.add(Event.of("u" + u, "i" + i, "rating", Instant.ofEpochSecond(random.nextInt(1_000_000))));
            }
        }
        return events;
    }

    @Test
    void stratifiedSplitKeepsTheRatioPerUserAndIsReproducible() {
        List<Event> events = log(50, 20, 1);
        Split a = new StratifiedRandomSplit(0.75, 42).split(events, types);
        Split b = new StratifiedRandomSplit(0.75, 42).split(new ArrayList<>(events.reversed()), types);
        Split c = new StratifiedRandomSplit(0.75, 43).split(events, types);
        assertEquals(50 * 15, a.train().size());
        a.relevant().values().forEach(items -> assertEquals(5, items.size()));
        assertEquals(a.relevant(), b.relevant());
        assertFalse(a.relevant().equals(c.relevant()));
    }

    @Test
    void temporalSplitNeverTrainsOnTheFuture() {
        Split s = new TemporalSplit(0.8).split(log(40, 10, 2), types);
        Instant lastTrain = s.train().get(s.train().size() - 1).timestamp();
        assertEquals(320, s.train().size());
        assertTrue(s.requestTime().values().stream().allMatch(t -> !t.isBefore(lastTrain)));
    }

    @Test
    void leaveLastOutHoldsOutEachUsersLatestEvent() {
        List<Event> events = log(10, 5, 3);
        Split s = new LeaveLastOutSplit().split(events, types);
        assertEquals(40, s.train().size());
        for (var e : s.relevant().entrySet()) {
            Event latest = events.stream().filter(x -> x.user().equals(e.getKey()))
                    .max(java.util.Comparator.comparing(Event::timestamp)).orElseThrow();
            assertEquals(Set.of(latest.item()), e.getValue());
        }
    }

    @Test
    void strongGeneralisationKeepsHeldOutUsersOutOfTraining() {
        Split s = new StrongGeneralizationSplit(0.2, 0.8, 5).split(log(50, 20, 4), types);
        Set<String> trainUsers = new HashSet<>();
        s.train().forEach(e -> trainUsers.add(e.user()));
        Set<String> trainItems = new HashSet<>();
        s.train().forEach(e -> trainItems.add(e.item()));
        assertEquals(40, trainUsers.size());
        assertEquals(10, s.relevant().size());
        for (var e : s.relevant().entrySet()) {
            assertFalse(trainUsers.contains(e.getKey()));
            assertTrue(trainItems.containsAll(e.getValue()));
        }
        assertEquals(10 * 16, s.historyOnly().size());
    }

    @Test
    void coldItemsAreNeverInTrainingAndAreAllTheTestHolds() {
        List<Event> events = log(50, 20, 6);
        Split s = new ColdItemSplit(0.8).split(events, types);
        Set<String> trainItems = new HashSet<>();
        s.train().forEach(e -> trainItems.add(e.item()));
        assertFalse(s.relevant().isEmpty());
        for (var e : s.relevant().entrySet()) {
            for (String item : e.getValue()) {
                assertFalse(trainItems.contains(item), item + " is cold, yet trained on");
            }
            assertTrue(s.train().stream().anyMatch(t -> t.user().equals(e.getKey())), "test users have history");
        }
    }

    @Test
    void coldUsersAreKnownByTheirFirstEventsOnly() {
        Split s = new ColdUserSplit(0.2, 3, 7).split(log(50, 20, 8), types);
        Set<String> trainUsers = new HashSet<>();
        s.train().forEach(e -> trainUsers.add(e.user()));
        assertEquals(40, trainUsers.size());
        assertEquals(10 * 3, s.historyOnly().size());
        for (var user : s.relevant().keySet()) {
            assertFalse(trainUsers.contains(user));
            Instant lastKnown = s.historyOnly().stream().filter(e -> e.user().equals(user))
                    .map(Event::timestamp).max(Instant::compareTo).orElseThrow();
            assertEquals(lastKnown, s.requestTime().get(user), "asked right after the third event");
        }
    }
}
