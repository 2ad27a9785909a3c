package io.sieve.pipeline;

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
import io.sieve.rank.Ranker;
import io.sieve.filter.RuleFilter;
import io.sieve.rerank.ExploringReRanker;
import io.sieve.rerank.PinningReRanker;
import io.sieve.rerank.SlateReRanker;
import io.sieve.retrieve.CoVisitationRetriever;
import io.sieve.retrieve.EaseRetriever;
import io.sieve.retrieve.ContentRetriever;
import io.sieve.retrieve.EmbeddingRetriever;
import io.sieve.retrieve.NewItemsRetriever;
import io.sieve.retrieve.OnboardingRetriever;
import io.sieve.retrieve.RankedListRetriever;
import io.sieve.retrieve.RetrievalStage;
import io.sieve.retrieve.Retriever;
import io.sieve.retrieve.SegmentPopularityRetriever;
import io.sieve.retrieve.SessionRetriever;
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
    /** A user's content profile: the text of their ten latest liked items. */
    private static final int CONTENT_PROFILE_ITEMS = 10;

    private PipelineFactory() {
    }

    /**
     * @param statistics the feature store's item statistics, which the caller keeps up to date
     *                   (the server applies each event); read by the learned ranker
     */
    public static Pipeline create(SieveConfig config, Store store, ItemStatistics statistics, ExecutorService executor) {
        var r = config.retrieval();
        List<RetrievalStage.Source> sources = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        r.sources().byName().forEach((name, source) -> {
            if (source.enabled()) {
                sources.add(new RetrievalStage.Source(retriever(name, config, statistics), source.quota()));
                weights.put(name, source.weight());
            }
        });
        var retrieval = new RetrievalStage(sources, executor, Duration.ofMillis(r.deadlineMs()));
        var ranking = config.ranking();
        BlendRanker blend = new BlendRanker(weights, ranking.fusion(), ranking.rrfK(), new BlendRanker.ColdStart(
                ranking.coldStart().personalAfter(), config.training().segments().attributes(), ranking.coldStart().stages()));
        Ranker ranker = blend;
        if ("learned".equals(ranking.type())) {
            Map<String, Double> objectives = new LinkedHashMap<>();
            ranking.objectives().forEach((name, o) -> objectives.put(name, o.weight()));
            var assembler = new FeatureAssembler(FeatureSchema.of(config));
            ranker = new LearnedRanker(blend, assembler, statistics, objectives, ranking.candidates());
        }
        return new Pipeline(store, config.types(), config.filters().historyLimit(), retrieval, filters(config),
                ranker, blend, Duration.ofMillis(ranking.deadlineMs()), executor,
                new PinningReRanker(new ExploringReRanker(new SlateReRanker(config.rerank()), config.exploration(), statistics)),
                config.rules(), () -> statistics.clock(Instant.now()));
    }

    private static Retriever retriever(String name, SieveConfig config, ItemStatistics statistics) {
        var r = config.retrieval();
        return switch (name) {
            case "covisitation" -> new CoVisitationRetriever(r.historyLength());
            case "session" -> new SessionRetriever(r.sources().session().maxItems(),
                    Duration.ofMinutes(r.sources().session().gapMinutes()));
            case "popularity" -> RankedListRetriever.popularity();
            case "trending" -> RankedListRetriever.trending();
            case "segment" -> new SegmentPopularityRetriever();
            case "als" -> EmbeddingRetriever.als(r.historyLength(), new EmbeddingRetriever.NewItems(
                    r.newItemNeighbours(), r.newItemInteractions(), statistics));
            case "alsSession" -> EmbeddingRetriever.alsSession(r.sources().session().maxItems(),
                    Duration.ofMinutes(r.sources().session().gapMinutes()));
            case "bpr" -> EmbeddingRetriever.bpr(r.historyLength());
            case "ease" -> new EaseRetriever(r.historyLength());
            case "newItems" -> new NewItemsRetriever();
            case "content" -> new ContentRetriever(CONTENT_PROFILE_ITEMS);
            case "onboarding" -> new OnboardingRetriever();
            default -> throw new IllegalArgumentException("no retriever is called " + name);
        };
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
