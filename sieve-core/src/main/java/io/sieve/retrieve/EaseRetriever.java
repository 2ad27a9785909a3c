package io.sieve.retrieve;

import io.sieve.ann.TopK;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import io.sieve.bundle.cf.EaseModel;
import java.util.ArrayList;
import java.util.List;

/**
 * EASE scores over the user's recent history: score(j) = Σ strength(h)·B[h][j]. The history is
 * read at request time, so a click posted a moment ago already counts.
 */
public final class EaseRetriever implements Retriever {
    private final int historyLength;

    public EaseRetriever(int historyLength) {
        this.historyLength = historyLength;
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        EaseModel ease = context.bundle().models().ease();
        if (ease == null) {
            return List.of();
        }
        List<Anchor> anchors = new ArrayList<>();
        float[] scores = new float[ease.size()];
        for (Anchor a : HistoryAnchors.positive(context, historyLength)) {
            int row = ease.rowOf(a.itemIndex());
            if (row >= 0) {
                ease.accumulate(row, (float) a.weight(), scores);
                anchors.add(a);
            }
        }
        if (anchors.isEmpty()) {
            return List.of();
        }
        var ids = context.bundle().items();
        TopK best = new TopK(quota);
        for (int row = 0; row < scores.length && !Thread.currentThread().isInterrupted(); row++) {
            // Eligibility is asked only of rows that would make the list.
            if (scores[row] > 0 && best.takes(row, scores[row]) && context.isEligible(ids.id(ease.items()[row]))) {
                best.offer(row, scores[row]);
            }
        }
        int[] top = best.items();
        List<Retrieved> out = new ArrayList<>(top.length);
        for (int row : top) {
            out.add(new Retrieved(ids.id(ease.items()[row]), scores[row],
                    HistoryAnchors.reason(context, "because you ", strongest(ease, anchors, row))));
        }
        return out;
    }

    /** The history item whose weight towards {@code row} is largest: the one the reason names. */
    private static Anchor strongest(EaseModel ease, List<Anchor> anchors, int row) {
        Anchor best = anchors.get(0);
        float bestWeight = Float.NEGATIVE_INFINITY;
        for (Anchor a : anchors) {
            float w = (float) a.weight() * ease.weights()[ease.rowOf(a.itemIndex()) * ease.size() + row];
            if (w > bestWeight) {
                bestWeight = w;
                best = a;
            }
        }
        return best;
    }

    /** Type {@code ease}. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "ease";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new EaseRetriever(shared.retrieval().historyLength());
        }
    }
}
