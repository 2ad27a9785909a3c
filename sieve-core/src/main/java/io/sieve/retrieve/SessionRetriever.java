package io.sieve.retrieve;

import java.util.Map;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.time.Duration;
import java.util.List;

/**
 * Co-visitation neighbours of what the user did in the current session ({@link Session}).
 */
public final class SessionRetriever implements Retriever {
    private final Session session;

    public SessionRetriever(int maxItems, Duration gap) {
        this.session = new Session(maxItems, gap);
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        List<Anchor> anchors = session.anchors(context);
        return anchors.isEmpty() ? List.of()
                : NeighbourScorer.score(context, context.bundle().coVisitation(), anchors, quota, "because you just ");
    }

    /** Type {@code session}: {@code maxItems} of the session's latest items, a gap of {@code gapMinutes} ends a session. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "session";
        }

        @Override
        public Map<String, Object> defaults() {
            return Session.DEFAULTS;
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new SessionRetriever(settings.integer("maxItems"), settings.minutes("gapMinutes"));
        }
    }
}
