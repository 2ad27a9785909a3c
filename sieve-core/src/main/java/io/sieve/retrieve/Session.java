package io.sieve.retrieve;

import io.sieve.model.Event;
import io.sieve.funnel.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The current session: the run of latest events with no gap longer than {@code gap}, the newest no
 * older than {@code gap} before the request, at most {@code maxItems} distinct items. Newer items
 * weigh more, because intent drifts within a session.
 */
record Session(int maxItems, Duration gap) {
    /** The settings of a source that reads the session, and their defaults. */
    static final java.util.Map<String, Object> DEFAULTS = java.util.Map.of("maxItems", 5, "gapMinutes", 30);
    private static final double DECAY = 0.8;

    /** The session's items as anchors, newest first, weights decayed by position. */
    List<Anchor> anchors(RequestContext context) {
        var index = context.bundle().items();
        List<Anchor> anchors = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        Instant previous = context.now();
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
