package io.sieve.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InteractionGraphTest {
    private static final long DAY = 86_400_000L;

    @Test
    void holdsAtMostItsSegmentsAndDropsTheOldestWhole() {
        InteractionGraph graph = new InteractionGraph(new InteractionGraph.Limits(100, 10, 3, 0));
        for (int e = 0; e < 95; e++) {
            graph.add("u" + e, "i" + e, e);
        }
        // 9 full segments were opened in turn; the last 3 (edges 70..94, the newest 5 still filling) remain.
        assertEquals(25, graph.edges());
        InteractionGraph.View view = graph.view();
        assertEquals(0, view.itemDegree(graph.item("i69")), "an edge of a dropped segment is gone");
        assertEquals(1, view.itemDegree(graph.item("i70")));
        assertTrue(graph.edgeBytes() > 0);
    }

    @Test
    void aNodeKeepsItsLatestEdgesUpToTheCap() {
        InteractionGraph graph = new InteractionGraph(new InteractionGraph.Limits(5, 1_000, 2, 0));
        for (int u = 0; u < 12; u++) {
            graph.add("u" + u, "hit", u);
        }
        InteractionGraph.View view = graph.view();
        int hit = graph.item("hit");
        assertEquals(5, view.itemDegree(hit));
        Set<Integer> reached = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 0; n < 500; n++) {
            reached.add(view.randomUser(hit, random));
        }
        Set<Integer> latest = new HashSet<>();
        for (int u = 7; u < 12; u++) {
            latest.add(graph.user("u" + u));
        }
        assertEquals(latest, reached);
    }

    @Test
    void segmentsOlderThanTheMaximumAgeByTheDataClockAgeOut() {
        InteractionGraph graph = new InteractionGraph(new InteractionGraph.Limits(100, 2, 10, 30));
        graph.add("old", "a", 0);
        graph.add("old", "b", DAY);
        graph.add("new", "c", 40 * DAY);
        assertEquals(1, graph.edges(), "the segment of day 0-1 is 39 days older than the newest edge");
        assertEquals(-1, graph.view().randomItem(graph.user("old"), new SplittableRandom(1)));
        assertEquals(graph.item("c"), graph.view().randomItem(graph.user("new"), new SplittableRandom(1)));
    }

    @Test
    void aDisabledGraphIgnoresEdges() {
        InteractionGraph graph = new InteractionGraph(new InteractionGraph.Limits(100, 10, 0, 0));
        graph.add("u", "i", 1);
        assertEquals(0, graph.edges());
        assertEquals(-1, graph.item("i"));
    }

    @Test
    void walksReadWhileEdgesAreAddedAndOnlyEverSeeAddedEdges() throws Exception {
        InteractionGraph graph = new InteractionGraph(new InteractionGraph.Limits(50, 5_000, 4, 0));
        graph.add("u0", "i0", 0);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int e = 1; e < 200_000; e++) {
                graph.add("u" + e % 997, "i" + e % 331, e);
            }
        });
        SplittableRandom random = new SplittableRandom(7);
        int walked = 0;
        while (writer.isAlive() || walked == 0) {
            InteractionGraph.View view = graph.view();
            int item = graph.item("i0");
            int user = view.randomUser(item, random);
            if (user >= 0) {
                int next = view.randomItem(user, random);
                assertTrue(next >= 0 && next < graph.items(), "node " + next);
                walked++;
            }
        }
        writer.join();
        assertTrue(walked > 0);
    }
}
