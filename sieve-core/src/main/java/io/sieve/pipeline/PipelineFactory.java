package io.sieve.pipeline;

import io.sieve.config.SieveConfig;
import io.sieve.filter.AvailabilityFilter;
import io.sieve.filter.CandidateFilter;
import io.sieve.filter.CategoryFilter;
import io.sieve.filter.ExclusionFilter;
import io.sieve.filter.FilterStage;
import io.sieve.filter.NegativeFeedbackFilter;
import io.sieve.filter.SeenFilter;
import io.sieve.rank.BlendRanker;
import io.sieve.rerank.TruncatingReRanker;
import io.sieve.retrieve.CoVisitationRetriever;
import io.sieve.retrieve.RankedListRetriever;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.retrieve.SegmentPopularityRetriever;
import io.sieve.retrieve.SessionRetriever;
import io.sieve.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Assembles the funnel that the configuration describes. */
public final class PipelineFactory {
    private PipelineFactory() {
    }

    public static Pipeline create(SieveConfig config, Store store, ExecutorService executor) {
        var r = config.retrieval();
        var s = r.sources();
        List<RetrievalStage.Source> sources = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        if (s.covisitation().enabled()) {
            sources.add(new RetrievalStage.Source(new CoVisitationRetriever(r.historyLength()), s.covisitation().quota()));
            weights.put("covisitation", s.covisitation().weight());
        }
        if (s.session().enabled()) {
            sources.add(new RetrievalStage.Source(
                    new SessionRetriever(s.session().maxItems(), Duration.ofMinutes(s.session().gapMinutes())),
                    s.session().quota()));
            weights.put("session", s.session().weight());
        }
        if (s.popularity().enabled()) {
            sources.add(new RetrievalStage.Source(RankedListRetriever.popularity(), s.popularity().quota()));
            weights.put("popularity", s.popularity().weight());
        }
        if (s.trending().enabled()) {
            sources.add(new RetrievalStage.Source(RankedListRetriever.trending(), s.trending().quota()));
            weights.put("trending", s.trending().weight());
        }
        if (s.segment().enabled()) {
            sources.add(new RetrievalStage.Source(new SegmentPopularityRetriever(), s.segment().quota()));
            weights.put("segment", s.segment().weight());
        }
        var retrieval = new RetrievalStage(sources, executor, Duration.ofMillis(r.deadlineMs()));
        return new Pipeline(store, config.types(), config.filters().historyLimit(), retrieval,
                filters(config), new BlendRanker(weights, config.ranking().fusion(), config.ranking().rrfK()), new TruncatingReRanker());
    }

    static FilterStage filters(SieveConfig config) {
        var f = config.filters();
        List<CandidateFilter> filters = new ArrayList<>();
        filters.add(new ExclusionFilter());
        if (f.negative()) {
            filters.add(new NegativeFeedbackFilter());
        }
        if (f.seen()) {
            filters.add(new SeenFilter());
        }
        if (f.unavailable()) {
            filters.add(new AvailabilityFilter());
        }
        filters.add(new CategoryFilter());
        return new FilterStage(filters);
    }
}
