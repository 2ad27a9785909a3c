package io.sieve.retrieve;

import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.util.List;

/**
 * Item-to-item co-visitation over the user's recent history: items often seen together with what
 * the user engaged with, over their recent history ({@link HistoryAnchors}).
 */
public final class CoVisitationRetriever implements Retriever {
    private final int historyLength;

    public CoVisitationRetriever(int historyLength) {
        this.historyLength = historyLength;
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        return NeighbourScorer.score(context, context.bundle().coVisitation(), HistoryAnchors.of(context, historyLength),
                quota, "because you ");
    }

    /** Type {@code covisitation}. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "covisitation";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new CoVisitationRetriever(shared.retrieval().historyLength());
        }
    }
}
