package io.sieve.retrieve;

import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.RankedList;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Walks a precomputed list from the bundle (global popularity, trending) and returns its first
 * eligible items. Trained lists are fixed, so the walk is the whole cost of a request. Where the
 * bundle's list is empty, an optional stand-in answers instead.
 */
public final class RankedListRetriever implements Retriever {
    private final Function<ModelBundle, RankedList> list;
    private final String reason;
    private final Retriever whenEmpty;

    /** @param whenEmpty answers when the bundle's list is empty; null for nothing */
    public RankedListRetriever(Function<ModelBundle, RankedList> list, String reason, Retriever whenEmpty) {
        this.list = list;
        this.reason = reason;
        this.whenEmpty = whenEmpty;
    }

    /**
     * Before the first positive event (a catalog imported, no behaviour yet) nothing is popular;
     * the newest items stand in, so that a new deployment answers from its first request.
     */
    public static RankedListRetriever popularity() {
        return new RankedListRetriever(ModelBundle::popularity, "popular with everyone", new NewItemsRetriever());
    }

    public static RankedListRetriever trending() {
        return new RankedListRetriever(ModelBundle::trending, "trending right now", null);
    }

    @Override
    public List<Retrieved> retrieve(RequestContext context, int quota) {
        RankedList ranked = list.apply(context.bundle());
        if (ranked.size() == 0 && whenEmpty != null) {
            return whenEmpty.retrieve(context, quota);
        }
        return take(context, ranked, quota, reason);
    }

    static List<Retrieved> take(RequestContext context, RankedList ranked, int quota, String reason) {
        List<Retrieved> out = new ArrayList<>(Math.min(quota, ranked.size()));
        var index = context.bundle().items();
        for (int i = 0; i < ranked.size() && out.size() < quota && !Thread.currentThread().isInterrupted(); i++) {
            String id = index.id(ranked.items()[i]);
            if (context.isEligible(id)) {
                out.add(new Retrieved(id, ranked.scores()[i], reason));
            }
        }
        return out;
    }

    /** Type {@code popularity}. */
    public static final class Popularity implements RetrieverFactory {
        @Override
        public String type() {
            return "popularity";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return popularity();
        }
    }

    /** Type {@code trending}. */
    public static final class Trending implements RetrieverFactory {
        @Override
        public String type() {
            return "trending";
        }

        @Override
        public Retriever create(SourceSettings settings, Shared shared) {
            return trending();
        }
    }
}
