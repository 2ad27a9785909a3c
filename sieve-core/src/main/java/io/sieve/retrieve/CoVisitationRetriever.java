package io.sieve.retrieve;

import io.sieve.model.Event;
import io.sieve.pipeline.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item-to-item co-visitation over the user's recent history: items often seen together with what
 * the user engaged with. Each history item counts once, with the summed weight of its events, so a
 * film rated and then added to a list is one strong anchor rather than two.
 */
public final class CoVisitationRetriever implements Retriever {
    private final int historyLength;

    public CoVisitationRetriever(int historyLength) {
        this.historyLength = historyLength;
    }

    @Override
    public String name() {
        return "covisitation";
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        var index = context.bundle().items();
        Map<Integer, Double> weights = new LinkedHashMap<>();
        Map<Integer, Event> strongest = new LinkedHashMap<>();
        List<Event> history = context.history();
        for (int i = 0; i < Math.min(historyLength, history.size()); i++) {
            Event e = history.get(i);
            int item = index.indexOf(e.item());
            if (item < 0) {
                continue;
            }
            double w = context.types().weightOf(e);
            weights.merge(item, w, Double::sum);
            Event best = strongest.get(item);
            if (best == null || Math.abs(context.types().weightOf(best)) < Math.abs(w)) {
                strongest.put(item, e);
            }
        }
        List<Anchor> anchors = new ArrayList<>(weights.size());
        weights.forEach((item, w) -> {
            if (w != 0) {
                anchors.add(new Anchor(item, w, strongest.get(item)));
            }
        });
        return NeighbourScorer.score(context, context.bundle().coVisitation(), anchors, quota, "because you ");
    }
}
