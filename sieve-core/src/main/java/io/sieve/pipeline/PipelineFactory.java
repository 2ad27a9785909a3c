package io.sieve.pipeline;

import io.sieve.config.RankingType;
import io.sieve.config.SieveConfig;
import io.sieve.filter.AvailabilityFilter;
import io.sieve.filter.CandidateFilter;
import io.sieve.filter.CategoryFilter;
import io.sieve.filter.ExclusionFilter;
import io.sieve.filter.FilterStage;
import io.sieve.filter.NegativeFeedbackFilter;
import io.sieve.filter.SeenFilter;
import io.sieve.feature.FeatureAssembler;
import io.sieve.feature.FeatureSchema;
import io.sieve.feature.ItemStatistics;
import io.sieve.rank.BlendRanker;
import io.sieve.rank.LearnedRanker;
import io.sieve.rank.RankingObserver;
import io.sieve.rank.Ranker;
import io.sieve.filter.RuleFilter;
import io.sieve.rerank.ReRankerFactory;
import io.sieve.rerank.ReRankers;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.retrieve.RetrieverFactory;
import io.sieve.retrieve.Retrievers;
import io.sieve.store.RecentImpressions;
import io.sieve.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Assembles the funnel that the configuration describes. */
public final class PipelineFactory {
    private PipelineFactory() {
    }

    /**
     * @param statistics the feature store's item statistics, which the caller keeps up to date
     *                   (the server applies each event); read by the learned ranker
     */
    public static Pipeline create(SieveConfig config, Store store, ItemStatistics statistics, ExecutorService executor) {
        return create(config, store, statistics, store, executor);
    }

    /**
     * @param statistics        the feature store's item statistics, which the caller keeps up to date
     * @param recentImpressions where fatigue reads the users' recent slates: the store, or the
     *                          state replicas share
     */
    public static Pipeline create(SieveConfig config, Store store, ItemStatistics statistics,
                                  RecentImpressions recentImpressions, ExecutorService executor) {
        return create(config, store, statistics, recentImpressions, executor, RankingObserver.NONE);
    }

    /** @param observer told what the learned ranker scored for each request (the server's drift monitor) */
    public static Pipeline create(SieveConfig config, Store store, ItemStatistics statistics,
                                  RecentImpressions recentImpressions, ExecutorService executor, RankingObserver observer) {
        var r = config.retrieval();
        List<RetrievalStage.Source> sources = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        var shared = new RetrieverFactory.Shared(r, statistics);
        r.sources().forEach((name, source) -> {
            if (source.enabled()) {
                sources.add(new RetrievalStage.Source(name, Retrievers.create(name, source, shared), source.quota()));
                weights.put(name, source.weight());
            }
        });
        var retrieval = new RetrievalStage(sources, executor, Duration.ofMillis(r.deadlineMs()));
        var ranking = config.ranking();
        BlendRanker blend = new BlendRanker(weights, ranking.fusion(), ranking.rrfK(), new BlendRanker.ColdStart(
                ranking.coldStart().personalAfter(), config.training().segments().attributes(), ranking.coldStart().stages()));
        Ranker ranker = blend;
        if (ranking.type() == RankingType.learned) {
            Map<String, Double> objectives = new LinkedHashMap<>();
            ranking.objectives().forEach((name, o) -> objectives.put(name, o.weight()));
            var assembler = new FeatureAssembler(FeatureSchema.of(config));
            ranker = new LearnedRanker(blend, assembler, statistics, objectives, ranking.candidates(), observer);
        }
        return new Pipeline(store, config.types(), config.filters().historyLimit(), retrieval, filters(config),
                ranker, blend, Duration.ofMillis(ranking.deadlineMs()), executor,
                ReRankers.chain(config.rerank().chain(), new ReRankerFactory.Shared(config, statistics, recentImpressions)),
                config.rules(), () -> statistics.clock(Instant.now()));
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
        filters.add(new RuleFilter());
        return new FilterStage(filters);
    }
}
