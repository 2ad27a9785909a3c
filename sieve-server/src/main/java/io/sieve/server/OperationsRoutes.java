package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What operators and orchestrators call: liveness, readiness, metrics and an immediate model reload. */
final class OperationsRoutes {
    private final ModelHolder model;
    private final BundleWatcher watcher;
    private final ServerMetrics metrics;

    OperationsRoutes(ModelHolder model, BundleWatcher watcher, ServerMetrics metrics) {
        this.model = model;
        this.watcher = watcher;
        this.metrics = metrics;
    }

    void register(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/readyz", this::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()),
                Scope.READ);
        app.post("/v1/admin/reload", this::reload, Scope.ADMIN);
    }

    /**
     * 200 with {@code status: ready}, or {@code status: degraded} and a reason per degradation
     * while the server still answers (a refused bundle, a store without events); 503 only when
     * there is nothing to answer with.
     */
    private void ready(Context ctx) {
        var reason = model.notReadyReason();
        if (reason.isPresent()) {
            throw Problem.of(503, "not-ready", "Not ready", reason.get()).toException();
        }
        List<ModelHolder.Degradation> degradations = model.degradations();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", degradations.isEmpty() ? "ready" : "degraded");
        body.put("modelVersion", model.current().version());
        if (!degradations.isEmpty()) {
            body.put("degraded", degradations);
        }
        ctx.json(body);
    }

    /** 409 when the published bundle is refused: the request was fine, the bundle is not. */
    private void reload(Context ctx) {
        BundleWatcher.Outcome outcome = watcher.check();
        if (outcome.refusal() != null) {
            throw Problem.of(409, "bundle-refused", "Model bundle refused",
                    outcome.refusal() + "; still serving " + outcome.served() + ".").toException();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", outcome.served());
        body.put("swapped", outcome.swapped());
        ctx.json(body);
    }
}
