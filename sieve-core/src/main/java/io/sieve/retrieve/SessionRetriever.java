package io.sieve.retrieve;

import io.sieve.model.Event;
import io.sieve.pipeline.RequestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Neighbours of what the user did in the current session: the run of latest events with no gap
 * longer than {@code gap}, the newest no older than {@code gap} before the request. Newer session
 * items weigh more, because intent drifts within a session.
 */
public final class SessionRetriever implements Retriever {
    private static final double DECAY = 0.8;
    private final int maxItems;
    private final Duration gap;

    public SessionRetriever(int maxItems, Duration gap) {
        this.maxItems = maxItems;
        this.gap = gap;
    }

    @Override
    public String name() {
        return "session";
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        List<Anchor> anchors = sessionAnchors(context);
        return anchors.isEmpty() ? List.of()
                : NeighbourScorer.score(context, context.bundle().coVisitation(), anchors, quota, "because you just ");
    }

    private List<Anchor> sessionAnchors(RequestContext context) {
        var index = context.bundle().items();
        List<Anchor> anchors = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        java.time.Instant previous = context.now();
        double decay = 1.0;
        for (Event e : context.history()) {
            if (Duration.between(e.timestamp(), previous).compareTo(gap) > 0 || anchors.size() >= maxItems) {
                break;
            }
            previous = e.timestamp();
            int item = index.indexOf(e.item());
            double w = context.types().weightOf(e);
            if (item >= 0 && w != 0 && taken.add(e.item())) {
                anchors.add(new Anchor(item, w * decay, e));
                decay *= DECAY;
            }
        }
        return anchors;
    }
}
