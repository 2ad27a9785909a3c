package io.sieve.pipeline;

import io.sieve.bundle.ModelBundle;
import io.sieve.filter.FilterStage;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.funnel.RequestContext;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.Impression;
import io.sieve.model.User;
import io.sieve.rank.Ranker;
import io.sieve.rerank.ReRanker;
import io.sieve.funnel.Candidate;
import io.sieve.funnel.Ranked;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.rules.Rule;
import io.sieve.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funnel for one request: context, retrieve (parallel, deadline), filter, rank, re-rank. The
 * bundle is passed in rather than held, so the caller pins one bundle per request and a hot swap
 * never changes the model under a running request. Each stage degrades instead of failing: a
 * failed ranker leaves retrieval order, a failed re-ranker a plain cut; debug names each fallback.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private final Store store;
    private final EventTypes types;
    private final int historyLimit;
    private final RetrievalStage retrieval;
    private final FilterStage filters;
    private final Ranker ranker;
    private final Ranker fallbackRanker;
    private final Duration rankDeadline;
    private final ExecutorService executor;
    private final ReRanker reRanker;
    private final List<Rule> rules;
    private final Supplier<Instant> clock;

    /**
     * @param fallbackRanker orders the candidates when {@code ranker} fails or misses {@code rankDeadline}
     * @param executor       runs the ranker, so that a slow one can be abandoned
     * @param rules          the configured business rules
     * @param clock          the moment a live request is answered for (see {@code ItemStatistics.clock})
     */
    public Pipeline(Store store, EventTypes types, int historyLimit, RetrievalStage retrieval,
                    FilterStage filters, Ranker ranker, Ranker fallbackRanker, Duration rankDeadline,
                    ExecutorService executor, ReRanker reRanker, List<Rule> rules, Supplier<Instant> clock) {
        this.store = store;
        this.types = types;
        this.historyLimit = historyLimit;
        this.retrieval = retrieval;
        this.filters = filters;
        this.ranker = ranker;
        this.fallbackRanker = fallbackRanker;
        this.rankDeadline = rankDeadline;
        this.executor = executor;
        this.reRanker = reRanker;
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    public Ranker ranker() {
        return ranker;
    }

    public FilterStage filters() {
        return filters;
    }

    public RetrievalStage retrieval() {
        return retrieval;
    }

    public Recommendations recommend(RecommendationRequest request, ModelBundle bundle) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<String> fallbacks = new ArrayList<>();
        RequestContext context = context(request, bundle, fallbacks);
        long t1 = lap(timings, "context", t0);

        RetrievalStage.Result retrieved = retrieval.retrieve(context);
        long t2 = lap(timings, "retrieve", t1);

        // Filters carry promises (never show a disliked item): if they fail, nothing is shown.
        FilterStage.Result filtered = degrade("filter", fallbacks,
                () -> filters.apply(retrieved.candidates(), context),
                () -> new FilterStage.Result(List.of(), Map.of()));
        long t3 = lap(timings, "filter", t2);

        Ranked ranking = degrade("rank", fallbacks,
                () -> rank(context, filtered.kept(), fallbacks),
                () -> retrievalOrder(filtered.kept()));
        List<Candidate> ranked = ranking.candidates();
        long t4 = lap(timings, "rank", t3);

        List<Candidate> slate = degrade("rerank", fallbacks,
                () -> reRanker.rerank(context, ranked, request.n()),
                () -> List.copyOf(ranked.subList(0, Math.min(request.n(), ranked.size()))));
        lap(timings, "rerank", t4);
        timings.put("total", (System.nanoTime() - t0) / 1e6);

        List<Recommendations.RecommendedItem> items = new ArrayList<>(slate.size());
        List<Impression.Shown> shown = new ArrayList<>(slate.size());
        for (Candidate c : slate) {
            items.add(new Recommendations.RecommendedItem(c.itemId(), c.score(), List.copyOf(c.hits().keySet()), c.reason(),
                    request.debug() ? c.explanation() : null));
            shown.add(new Impression.Shown(c.itemId(), shown.size() + 1, c.score(), c.propensity(), c.features()));
        }
        Recommendations.Debug debug = request.debug()
                ? new Recommendations.Debug(bundle.version(), timings, retrieved.perSource(), retrieved.timedOut(),
                        retrieved.failed(), fallbacks, retrieved.candidates().size(), filtered.kept().size(),
                        filtered.removedBy(), ranking.rankedBy(), ranking.coldStart() == null ? null : ranking.coldStart().name())
                : null;
        String requestId = UUID.randomUUID().toString();
        boolean withFeatures = !shown.isEmpty() && shown.get(0).features() != null;
        boolean degraded = !fallbacks.isEmpty() || !retrieved.timedOut().isEmpty() || !retrieved.failed().isEmpty();
        Impression impression = new Impression(requestId, request.userId(), context.now(), request.surface(),
                request.device(), bundle.version(), withFeatures ? bundle.ranker().featureSchema() : null, shown,
                null, timings.get("total"), degraded, null);
        return new Recommendations(requestId, items, debug, impression, null);
    }

    /**
     * Runs the ranker under the deadline; a ranker that fails or is late is abandoned and the
     * fallback ranker orders the candidates instead. Candidates are immutable, so an abandoned
     * ranker still running cannot change what the fallback works on.
     */
    private Ranked rank(RequestContext context, List<Candidate> candidates, List<String> fallbacks) {
        Future<Ranked> future = executor.submit(() -> ranker.rank(context, candidates));
        String failure;
        try {
            return future.get(rankDeadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            failure = "rank: missed the " + rankDeadline.toMillis() + " ms deadline";
        } catch (ExecutionException e) {
            LOG.warn("rank stage failed; falling back to the blend", e.getCause());
            failure = "rank: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "rank: interrupted";
        }
        fallbacks.add(failure);
        Ranked fallback = fallbackRanker.rank(context, candidates);
        return new Ranked(fallback.candidates(), "blend (fallback)", fallback.coldStart());
    }

    /** The request context: profile, history and the filters' verdict, ready for any stage. */
    public RequestContext context(RecommendationRequest request, ModelBundle bundle) {
        return context(request, bundle, new ArrayList<>());
    }

    private RequestContext context(RecommendationRequest request, ModelBundle bundle, List<String> fallbacks) {
        User user = degrade("profile", fallbacks, () -> store.user(request.userId()).orElse(null), () -> null);
        List<Event> history = degrade("history", fallbacks, () -> store.history(request.userId(), historyLimit), List::of);
        if (request.asOf() != null) {
            // A replayed request must not see what the user did after it.
            history = history.stream().filter(e -> !e.timestamp().isAfter(request.asOf())).toList();
        }
        Instant now = request.asOf() != null ? request.asOf() : clock.get();
        return new RequestContext(request, now, bundle, store, types, user, history, rules, filters);
    }

    /** Runs a stage; if it throws, logs it, notes it for debug and metrics, and uses the fallback. */
    private static <T> T degrade(String stage, List<String> fallbacks, Supplier<T> work, Supplier<T> fallback) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            LOG.warn("{} stage failed; degrading", stage, e);
            fallbacks.add(stage + ": " + e);
            return fallback.get();
        }
    }

    /** Without a ranker, candidates keep the order retrieval merged them in, with their first source's reason. */
    private static Ranked retrievalOrder(List<Candidate> candidates) {
        return new Ranked(candidates.stream().map(c -> c.withScore(0, c.hits().values().iterator().next().reason())).toList(),
                "retrieval order (no ranker)", null);
    }

    private static long lap(Map<String, Double> timings, String stage, long since) {
        long now = System.nanoTime();
        timings.put(stage, (now - since) / 1e6);
        return now;
    }
}
