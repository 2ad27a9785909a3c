package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.pipeline.ContentSearch;
import io.sieve.experiment.Canary;
import io.sieve.experiment.ExperimentServing;
import io.sieve.experiment.UnknownVariantException;
import java.util.function.Supplier;
import io.sieve.model.FieldError;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Recommendations;
import io.sieve.pipeline.SimilarItems;
import io.sieve.model.Ids;
import io.sieve.store.Catalog;

/** Personal recommendations, "more like this" and search by text; each request pins the bundle it started with. */
final class RecommendationRoutes {
    /** A search query is a phrase, not a document. */
    private static final int MAX_QUERY = 1_000;

    private final ExperimentServing experiments;
    private final Supplier<Canary> canary;
    private final ApiKeyAuth auth;
    private final Clock clock;
    private final SimilarItems similar;
    private final ModelHolder model;
    private final ServerMetrics metrics;
    private final SieveConfig.ServerConfig limits;
    private final ServedImpressionWriter impressions;
    private final ContentSearch search;
    /** Where {@code include} reads the items' catalog fields. */
    private final Catalog catalog;

    /** @param canary the bundle on trial, or null */
    RecommendationRoutes(ExperimentServing experiments, Supplier<Canary> canary, ApiKeyAuth auth, Clock clock, SimilarItems similar, ContentSearch search,
                         ModelHolder model, ServerMetrics metrics, SieveConfig.ServerConfig limits,
                         ServedImpressionWriter impressions, Catalog catalog) {
        this.catalog = catalog;
        this.impressions = impressions;
        this.search = search;
        this.experiments = experiments;
        this.canary = canary;
        this.auth = auth;
        this.clock = clock;
        this.similar = similar;
        this.model = model;
        this.metrics = metrics;
        this.limits = limits;
    }

    void register(Javalin app) {
        app.get("/v1/recommendations/{userId}", this::recommend, Scope.READ);
        app.get("/v1/items/{itemId}/similar", this::similar, Scope.READ);
        app.get("/v1/search", this::search, Scope.READ);
    }

    private void recommend(Context ctx) {
        String user = QueryParams.id(ctx, "userId");
        String surface = QueryParams.label(ctx, "surface");
        int n = QueryParams.count(ctx, "n", limits.defaultN(surface == null ? "home" : surface), limits.maxN());
        boolean debug = QueryParams.flag(ctx, "debug");
        boolean preview = preview(ctx);
        Set<String> fields = includedFields(ctx);
        // Always traced internally: the trace is where skipped sources are reported, and the
        // metrics need them on every request, not only on those that asked for debug output.
        var request = RecommendationRequest.forUser(user, n)
                .surface(surface)
                .exclude(QueryParams.list(ctx, "exclude"))
                .categories(QueryParams.list(ctx, "category"))
                .debug(true)
                .device(QueryParams.label(ctx, "device"))
                .rules(QueryParams.rules(ctx, "filter"))
                .build();
        Recommendations result;
        try {
            result = experiments.recommend(request, forcedVariants(ctx), clock.instant(), model.current(), canary.get());
        } catch (UnknownVariantException e) {
            throw Problem.invalid("variant", e.getMessage()).toException();
        }
        metrics.record(result.debug());
        if (!preview) {
            metrics.exposed(result.impression().experiments());
            impressions.log(result.impression());
        }
        ctx.json((debug ? result : result.withoutDebug()).withItemFields(catalog::item, fields));
    }

    /**
     * {@code include=title,categories,attributes}: the catalog fields wanted on each item, checked
     * before the request runs. They are read after the funnel, so a request without them costs
     * nothing more.
     */
    private static Set<String> includedFields(Context ctx) {
        Set<String> fields = QueryParams.list(ctx, "include");
        for (String field : fields) {
            if (!Recommendations.ITEM_FIELDS.contains(field)) {
                throw Problem.invalid("include", "'" + field + "' is not an item field that can be included; one of "
                        + String.join(", ", Recommendations.ITEM_FIELDS)).toException();
            }
        }
        return fields;
    }

    /**
     * {@code preview=true}: the list as the user would get it, neither logged as an impression nor
     * counted as an exposure, so that looking at a user's list (the console's "view as this user",
     * a support question) changes neither their fatigue, the experiments' results nor training.
     * Only with an admin key: a client could otherwise serve lists that training never sees.
     */
    private boolean preview(Context ctx) {
        if (!QueryParams.flag(ctx, "preview")) {
            return false;
        }
        if (!auth.allows(ctx, Scope.ADMIN)) {
            throw Problem.of(403, "forbidden", "Forbidden", "A preview is not logged, so it needs an API key with the 'admin' scope.")
                    .withErrors(List.of(new FieldError("preview", "needs a key with the 'admin' scope"))).toException();
        }
        return true;
    }

    /**
     * {@code variant=<experiment>:<variant>} (repeatable): serve these variants whatever the user's
     * assignment, for QA. Only with an admin key, since it would let anyone pick their arm; never
     * counted as an exposure.
     */
    private Map<String, String> forcedVariants(Context ctx) {
        Set<String> asked = QueryParams.list(ctx, "variant");
        if (asked.isEmpty()) {
            return Map.of();
        }
        if (!auth.allows(ctx, Scope.ADMIN)) {
            throw Problem.of(403, "forbidden", "Forbidden", "Choosing a variant is for QA and needs an API key with the 'admin' scope.")
                    .withErrors(List.of(new FieldError("variant", "needs a key with the 'admin' scope"))).toException();
        }
        Map<String, String> forced = new LinkedHashMap<>();
        for (String pair : asked) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw Problem.invalid("variant", "'" + pair + "' must read <experiment>:<variant>").toException();
            }
            forced.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return forced;
    }

    private void search(Context ctx) {
        String query = ctx.queryParam("q");
        if (query == null || query.isBlank()) {
            throw Problem.invalid("q", "is required: the text to search for").toException();
        }
        if (query.length() > MAX_QUERY) {
            throw Problem.invalid("q", "is longer than " + MAX_QUERY + " characters").toException();
        }
        String user = ctx.queryParam("user");
        if (user != null) {
            var errors = new java.util.ArrayList<io.sieve.model.FieldError>();
            Ids.check("user", user, errors);
            if (!errors.isEmpty()) {
                throw Problem.invalid(errors).toException();
            }
        }
        int n = QueryParams.count(ctx, "n", limits.defaultN(), limits.maxN());
        Set<String> fields = includedFields(ctx);
        ctx.json(search.search(query, user, n, model.current()).withItemFields(catalog::item, fields));
    }

    private void similar(Context ctx) {
        String item = QueryParams.id(ctx, "itemId");
        int n = QueryParams.count(ctx, "n", limits.defaultN(), limits.maxN());
        Set<String> fields = includedFields(ctx);
        ModelBundle bundle = model.current();
        ctx.json(similar.similar(item, n, bundle).orElseThrow(() ->
                Problem.notFound("No item with id '" + item + "' in the catalog or the model.").toException())
                .withItemFields(catalog::item, fields));
    }
}
