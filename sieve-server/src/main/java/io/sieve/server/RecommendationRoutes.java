package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import io.sieve.pipeline.SimilarItems;

/** Personal recommendations and "more like this"; each request pins the bundle it started with. */
final class RecommendationRoutes {
    private final Pipeline pipeline;
    private final SimilarItems similar;
    private final ModelHolder model;
    private final ServerMetrics metrics;
    private final SieveConfig.ServerConfig limits;
    private final ImpressionLog impressions;

    RecommendationRoutes(Pipeline pipeline, SimilarItems similar, ModelHolder model, ServerMetrics metrics,
                         SieveConfig.ServerConfig limits, ImpressionLog impressions) {
        this.impressions = impressions;
        this.pipeline = pipeline;
        this.similar = similar;
        this.model = model;
        this.metrics = metrics;
        this.limits = limits;
    }

    void register(Javalin app) {
        app.get("/v1/recommendations/{userId}", this::recommend);
        app.get("/v1/items/{itemId}/similar", this::similar);
    }

    private void recommend(Context ctx) {
        String user = QueryParams.id(ctx, "userId");
        String surface = QueryParams.label(ctx, "surface");
        int n = QueryParams.count(ctx, "n", limits.defaultN(surface == null ? "home" : surface), limits.maxN());
        boolean debug = QueryParams.flag(ctx, "debug");
        // Always traced internally: the trace is where skipped sources are reported, and the
        // metrics need them on every request, not only on those that asked for debug output.
        var request = new RecommendationRequest(user, n, surface,
                QueryParams.list(ctx, "exclude"), QueryParams.list(ctx, "category"), true, null,
                QueryParams.label(ctx, "device"), QueryParams.rules(ctx, "filter"));
        Recommendations result = pipeline.recommend(request, model.current());
        metrics.record(result.debug());
        impressions.log(result.impression());
        ctx.json(debug ? result : result.withoutDebug());
    }

    private void similar(Context ctx) {
        String item = QueryParams.id(ctx, "itemId");
        int n = QueryParams.count(ctx, "n", limits.defaultN(), limits.maxN());
        ModelBundle bundle = model.current();
        ctx.json(similar.similar(item, n, bundle).orElseThrow(() ->
                Problem.notFound("No item with id '" + item + "' in the catalog or the model.").toException()));
    }
}
