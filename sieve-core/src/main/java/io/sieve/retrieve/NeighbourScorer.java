package io.sieve.retrieve;

import io.sieve.bundle.NeighbourTable;
import io.sieve.pipeline.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Scores items by their similarity to a set of anchors: score(j) = sum over anchors a of
 * weight(a) * sim(a, j). Negative anchors (dislikes) subtract. The anchor that contributed most
 * names the reason, because that is the item the user will recognise.
 */
final class NeighbourScorer {
    private NeighbourScorer() {
    }

    private static final class Accumulator {
        double score;
        double bestContribution;
        Anchor bestAnchor;
    }

    static List<Retrieved> score(RequestContext context, NeighbourTable table, List<Anchor> anchors,
                                 int quota, String reasonPrefix) {
        var index = context.bundle().items();
        Map<Integer, Accumulator> acc = new HashMap<>();
        for (Anchor anchor : anchors) {
            if (Thread.currentThread().isInterrupted()) {
                return List.of(); // past the deadline: the stage has moved on without this source
            }
            for (int p = table.start(anchor.itemIndex()); p < table.end(anchor.itemIndex()); p++) {
                double contribution = anchor.weight() * table.score(p);
                Accumulator a = acc.computeIfAbsent(table.neighbour(p), k -> new Accumulator());
                a.score += contribution;
                if (contribution > a.bestContribution) {
                    a.bestContribution = contribution;
                    a.bestAnchor = anchor;
                }
            }
        }
        PriorityQueue<Map.Entry<Integer, Accumulator>> top =
                new PriorityQueue<>((x, y) -> Double.compare(x.getValue().score, y.getValue().score));
        for (Map.Entry<Integer, Accumulator> e : acc.entrySet()) {
            if (e.getValue().score <= 0 || e.getValue().bestAnchor == null) {
                continue;
            }
            if (top.size() < quota) {
                if (context.isEligible(index.id(e.getKey()))) {
                    top.add(e);
                }
            } else if (e.getValue().score > top.peek().getValue().score && context.isEligible(index.id(e.getKey()))) {
                top.poll();
                top.add(e);
            }
        }
        List<Retrieved> out = new ArrayList<>(top.size());
        while (!top.isEmpty()) {
            var e = top.poll();
            out.add(new Retrieved(index.id(e.getKey()), e.getValue().score, HistoryAnchors.reason(context, reasonPrefix, e.getValue().bestAnchor)));
        }
        return out.reversed();
    }
}
