package io.sieve.pipeline;

import io.sieve.bundle.ModelBundle;
import io.sieve.filter.FilterStage;
import io.sieve.model.EventTypes;
import io.sieve.rank.Ranker;
import io.sieve.rerank.ReRanker;
import io.sieve.retrieve.Candidate;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The funnel for one request: context, retrieve (parallel, deadline), filter, rank, re-rank. The
 * bundle is passed in rather than held, so the caller pins one bundle per request and a hot swap
 * never changes the model under a running request.
 */
public final class Pipeline {
    private final Store store;
    private final EventTypes types;
    private final int historyLimit;
    private final RetrievalStage retrieval;
    private final FilterStage filters;
    private final Ranker ranker;
    private final ReRanker reRanker;

    public Pipeline(Store store, EventTypes types, int historyLimit, RetrievalStage retrieval,
                    FilterStage filters, Ranker ranker, ReRanker reRanker) {
        this.store = store;
        this.types = types;
        this.historyLimit = historyLimit;
        this.retrieval = retrieval;
        this.filters = filters;
        this.ranker = ranker;
        this.reRanker = reRanker;
    }

    public RetrievalStage retrieval() {
        return retrieval;
    }

    public Recommendations recommend(RecommendationRequest request, ModelBundle bundle) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        RequestContext context = context(request, bundle);
        long t1 = lap(timings, "context", t0);

        RetrievalStage.Result retrieved = retrieval.retrieve(context);
        long t2 = lap(timings, "retrieve", t1);

        FilterStage.Result filtered = filters.apply(retrieved.candidates(), context);
        long t3 = lap(timings, "filter", t2);

        List<Candidate> ranked = ranker.rank(context, filtered.kept());
        long t4 = lap(timings, "rank", t3);

        List<Candidate> slate = reRanker.rerank(context, ranked, request.n());
        lap(timings, "rerank", t4);
        timings.put("total", (System.nanoTime() - t0) / 1e6);

        List<Recommendations.RecommendedItem> items = new ArrayList<>(slate.size());
        for (Candidate c : slate) {
            items.add(new Recommendations.RecommendedItem(c.itemId(), c.score(), List.copyOf(c.hits().keySet()), c.reason()));
        }
        Recommendations.Debug debug = request.debug()
                ? new Recommendations.Debug(bundle.version(), timings, retrieved.perSource(), retrieved.timedOut(),
                        retrieved.failed(), retrieved.candidates().size(), filtered.kept().size(), filtered.removedBy())
                : null;
        return new Recommendations(UUID.randomUUID().toString(), items, debug);
    }

    /** The request context: profile, history and the filters' verdict, ready for any stage. */
    public RequestContext context(RecommendationRequest request, ModelBundle bundle) {
        RequestContext context = new RequestContext(request, bundle, store, types,
                store.user(request.userId()).orElse(null),
                store.history(request.userId(), historyLimit).stream()
                        .filter(e -> !e.timestamp().isAfter(request.now()))
                        .toList());
        context.setEligibility(id -> filters.admits(id, context));
        return context;
    }

    private static long lap(Map<String, Double> timings, String stage, long since) {
        long now = System.nanoTime();
        timings.put(stage, (now - since) / 1e6);
        return now;
    }
}
