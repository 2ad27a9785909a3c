package io.sieve.retrieve;

import io.sieve.bundle.RankedList;
import io.sieve.bundle.SegmentScheme;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.util.List;

/**
 * Favourites of the user's segment (age group, country, ...): the first configured attribute the
 * user has and training saw a list for wins, so the most telling attribute is used.
 */
public final class SegmentPopularityRetriever implements Retriever {
    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        var bundle = context.bundle();
        for (String key : bundle.segmentScheme().keysOf(context.user().orElse(null))) {
            RankedList list = bundle.segment(key);
            if (list.size() > 0) {
                return RankedListRetriever.take(context, list, quota, "popular with " + SegmentScheme.describe(key));
            }
        }
        return List.of();
    }

    /** Type {@code segment}. */
    public static final class Factory implements RetrieverFactory {
        @Override
        public String type() {
            return "segment";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return new SegmentPopularityRetriever();
        }
    }
}
