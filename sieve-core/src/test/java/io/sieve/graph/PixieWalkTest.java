package io.sieve.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PixieWalkTest {
    private static final PixieWalk.Settings SETTINGS = new PixieWalk.Settings(5_000, 0.5, 4, 1_000);

    /** Two communities: users 0-49 choose items a0-a19, users 50-99 choose b0-b19, and one bridge user both. */
    private static InteractionGraph communities() {
        return communities(new InteractionGraph.Limits(1_000, 100_000, 2, 0));
    }

    private static InteractionGraph communities(InteractionGraph.Limits limits) {
        InteractionGraph graph = new InteractionGraph(limits);
        long t = 0;
        for (int u = 0; u < 100; u++) {
            String side = u < 50 ? "a" : "b";
            for (int k = 0; k < 5; k++) {
                graph.add("u" + u, side + (u * 7 + k * 3) % 20, t++);
            }
        }
        graph.add("bridge", "a0", t++);
        graph.add("bridge", "b0", t);
        return graph;
    }

    private static Map<String, Double> scores(InteractionGraph graph, BoostedVisits visits) {
        Map<String, Double> out = new HashMap<>();
        visits.forEach((item, score, anchor) -> out.put(graph.itemId(item), score));
        return out;
    }

    @Test
    void walksStayMostlyInTheAnchorsCommunity() {
        InteractionGraph graph = communities();
        var visits = PixieWalk.walk(graph.view(), List.of(new PixieWalk.Anchor(graph.item("a3"), 1)), SETTINGS, 42);
        double own = 0;
        double other = 0;
        for (var e : scores(graph, visits).entrySet()) {
            if (e.getKey().startsWith("a")) {
                own += e.getValue();
            } else {
                other += e.getValue();
            }
        }
        assertTrue(own > 50 * other, own + " against " + other);
    }

    @Test
    void anItemReachedFromSeveralAnchorsOutscoresOneReachedFromOne() {
        // x is chosen with both anchors, y as often but only with p.
        InteractionGraph graph = new InteractionGraph(new InteractionGraph.Limits(1_000, 100_000, 2, 0));
        graph.add("u1", "p", 1);
        graph.add("u1", "x", 2);
        graph.add("u2", "q", 3);
        graph.add("u2", "x", 4);
        graph.add("u3", "p", 5);
        graph.add("u3", "y", 6);
        graph.add("u4", "p", 7);
        graph.add("u4", "y", 8);
        var anchors = List.of(new PixieWalk.Anchor(graph.item("p"), 1), new PixieWalk.Anchor(graph.item("q"), 1));
        Map<String, Double> s = scores(graph, PixieWalk.walk(graph.view(), anchors, SETTINGS, 3));
        assertTrue(s.get("x") > s.get("y"), s.toString());
    }

    @Test
    void theSameSeedWalksTheSameWay() {
        InteractionGraph graph = communities();
        var anchors = List.of(new PixieWalk.Anchor(graph.item("a0"), 1), new PixieWalk.Anchor(graph.item("b5"), 2));
        assertEquals(scores(graph, PixieWalk.walk(graph.view(), anchors, SETTINGS, 9)),
                scores(graph, PixieWalk.walk(graph.view(), anchors, SETTINGS, 9)));
    }

    /** The same edges in one open segment or sealed in 72 small ones: a walk cannot tell them apart. */
    @Test
    void sealedSegmentsWalkLikeOneOpenSegment() {
        InteractionGraph open = communities();
        InteractionGraph sealed = communities(new InteractionGraph.Limits(1_000, 7, 100, 0));
        assertEquals(open.edges(), sealed.edges());
        var anchors = List.of(new PixieWalk.Anchor(open.item("a0"), 1), new PixieWalk.Anchor(open.item("b5"), 2));
        assertEquals(scores(open, PixieWalk.walk(open.view(), anchors, SETTINGS, 3)),
                scores(sealed, PixieWalk.walk(sealed.view(), anchors, SETTINGS, 3)));
    }

    @Test
    void stopsEarlyOnceEnoughItemsAreFound() {
        InteractionGraph graph = communities();
        var early = new PixieWalk.Settings(1_000_000, 0.5, 4, 5);
        var visits = PixieWalk.walk(graph.view(), List.of(new PixieWalk.Anchor(graph.item("a3"), 1)), early, 1);
        double[] total = {0};
        visits.forEach((item, score, anchor) -> total[0] += score);
        assertTrue(total[0] < 1_000, "a million steps were not needed to find five items: " + total[0]);
    }

    @Test
    void anAnchorWithoutEdgesIsSkipped() {
        InteractionGraph graph = communities();
        var visits = PixieWalk.walk(graph.view(), List.of(new PixieWalk.Anchor(graph.item("a1"), 1),
                new PixieWalk.Anchor(12345, 1)), SETTINGS, 1);
        assertTrue(visits.size() > 0);
        visits.forEach((item, score, anchor) -> assertEquals(0, anchor));
    }
}
