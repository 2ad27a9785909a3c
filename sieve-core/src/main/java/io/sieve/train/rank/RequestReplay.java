package io.sieve.train.rank;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.feature.EventTrail;
import io.sieve.feature.ItemStatistics;
import io.sieve.feature.StatisticsReplay;
import io.sieve.model.Impression;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.PipelineFactory;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.funnel.RequestContext;
import io.sieve.rank.LearnedRanker;
import io.sieve.funnel.Candidate;
import io.sieve.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Requests replayed point-in-time through the serving pipeline, up to the ranker: each sees the
 * user's history up to its moment, item statistics replayed to that moment, and the candidates the
 * retrieval stage, the filters and the blend's first pass give; the ranker's features are then
 * assembled exactly as serving assembles them. Nothing after a request's moment reaches it.
 */
public final class RequestReplay {
    private final SieveConfig config;

    public RequestReplay(SieveConfig config) {
        this.config = config;
    }

    /** A request to replay: the user, its moment and its context. */
    public record Request(String user, Instant at, String surface, String device) {
    }

    /** One replayed request's candidates (first-pass order, holding their blend scores) and their features. */
    public record Row(Request request, List<Candidate> candidates, float[] features) {
    }

    /**
     * @param store       what the requests read: profiles, histories, the catalog
     * @param retrieval   the bundle retrieval runs on
     * @param events      the events the item statistics replay, in time order
     * @param impressions the impressions they replay, in time order
     * @param requests    in time order
     */
    public List<Row> rows(Store store, ModelBundle retrieval, EventTrail events, List<Impression> impressions,
                          List<Request> requests) {
        List<Row> out = new ArrayList<>(requests.size());
        replay(store, retrieval, events, impressions, requests, out::add);
        return out;
    }

    /** As {@link #rows}, handing each row to {@code sink} as it is made, so that no more than one is held here. */
    public void replay(Store store, ModelBundle retrieval, EventTrail events, List<Impression> impressions,
                       List<Request> requests, Consumer<Row> sink) {
        ItemStatistics statistics = ItemStatistics.of(config);
        StatisticsReplay replay = new StatisticsReplay(statistics, events, impressions);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Pipeline pipeline = PipelineFactory.create(config, store, statistics, executor);
            LearnedRanker ranker = firstPass(config, pipeline);
            for (Request r : requests) {
                replay.advanceTo(r.at());
                RequestContext context = pipeline.context(RecommendationRequest.forUser(r.user(), config.server().defaultN())
                        .surface(r.surface())
                        .asOf(r.at())
                        .device(r.device())
                        .build(), retrieval);
                List<Candidate> kept = pipeline.filters().apply(pipeline.retrieval().retrieve(context).candidates(), context).kept();
                List<Candidate> head = ranker.firstPass(context, kept);
                sink.accept(new Row(r, head, ranker.assembler().assemble(context, head, statistics)));
            }
        }
    }

    private static LearnedRanker firstPass(SieveConfig config, Pipeline pipeline) {
        if (pipeline.ranker() instanceof LearnedRanker learned) {
            return learned;
        }
        throw new IllegalArgumentException("ranking.type is '" + config.ranking().type() + "': only the learned ranker has features to train");
    }
}
