package io.sieve.retrieve;

import io.sieve.ann.TopK;
import io.sieve.bundle.NeighbourTable;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        TopK top = new TopK(quota);
        for (Map.Entry<Integer, Accumulator> e : acc.entrySet()) {
            double score = e.getValue().score;
            if (score > 0 && e.getValue().bestAnchor != null && top.takes(e.getKey(), score)
                    && context.isEligible(index.id(e.getKey()))) {
                top.offer(e.getKey(), score);
            }
        }
        List<Retrieved> out = new ArrayList<>(quota);
        for (int item : top.items()) {
            Accumulator a = acc.get(item);
            out.add(new Retrieved(index.id(item), a.score, HistoryAnchors.reason(context, reasonPrefix, a.bestAnchor)));
        }
        return out;
    }
}
