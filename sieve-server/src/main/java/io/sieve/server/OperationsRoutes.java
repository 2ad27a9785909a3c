package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
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

    private void ready(Context ctx) {
        var reason = model.notReadyReason();
        if (reason.isPresent()) {
            throw Problem.of(503, "not-ready", "Not ready", reason.get()).toException();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("modelVersion", model.current().version());
        ctx.json(body);
    }

    private void reload(Context ctx) {
        BundleWatcher.Outcome outcome = watcher.check();
        if (outcome.failure() != null) {
            throw Problem.of(500, "bundle-load-failed", "Model bundle could not be loaded",
                    outcome.failure() + "; still serving " + outcome.served() + ".").toException();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", outcome.served());
        body.put("swapped", outcome.swapped());
        ctx.json(body);
    }
}
