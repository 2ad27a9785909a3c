package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.config.ExperimentConfig;
import io.sieve.experiment.Canary;
import io.sieve.experiment.ExperimentAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured experiments and their results, computed from the impression and event logs on each
 * call; the canary rollout's state and decisions, and an operator's promotion or rollback.
 */
final class ExperimentRoutes {
    private final ExperimentAnalysis analysis;
    private final CanaryRollout rollout;
    private final BundleWatcher watcher;

    ExperimentRoutes(ExperimentAnalysis analysis, CanaryRollout rollout, BundleWatcher watcher) {
        this.analysis = analysis;
        this.rollout = rollout;
        this.watcher = watcher;
    }

    void register(Javalin app) {
        app.get("/v1/experiments", this::list, Scope.ADMIN);
        app.get("/v1/experiments/{name}/results", this::results, Scope.ADMIN);
        app.post("/v1/admin/rollout/promote", ctx -> decide(ctx, true), Scope.ADMIN);
        app.post("/v1/admin/rollout/rollback", ctx -> decide(ctx, false), Scope.ADMIN);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        analysis.experiments().forEach((name, e) -> out.add(describe(name, e)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiments", out);
        body.put("rollout", rollout.status());
        ctx.json(body);
    }

    /** An operator's decision on the canary; 409 when there is none. */
    private void decide(Context ctx, boolean promote) {
        // Under the watcher's lock: a poll must not judge the canary while an operator ends it.
        synchronized (watcher) {
            Canary canary = rollout.active();
            if (canary == null) {
                throw Problem.of(409, "no-canary", "No canary", "No bundle is on trial; rollout.canary.fraction is "
                        + (rollout.enabled() ? "on, and no new bundle was published since the last decision." : "0 (canaries are off).")).toException();
            }
            String reason = "decided by an operator" + (ctx.queryParam("reason") == null ? "" : ": " + ctx.queryParam("reason"));
            if (promote) {
                rollout.promote(reason, "operator");
            } else {
                rollout.rollback(reason, "operator");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", canary.version());
            body.put("decision", promote ? "promoted" : "rolled back");
            body.put("serving", promote ? canary.version() : canary.stableVersion());
            ctx.json(body);
        }
    }

    private static Map<String, Object> describe(String name, ExperimentConfig e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("layer", e.layerOr(name));
        row.put("traffic", e.traffic());
        row.put("surfaces", e.surfaces());
        row.put("start", e.start());
        row.put("end", e.end());
        row.put("control", e.control());
        Map<String, Object> variants = new LinkedHashMap<>();
        e.variants().forEach((v, variant) -> {
            Map<String, Object> arm = new LinkedHashMap<>();
            arm.put("weight", variant.weight());
            arm.put("overlay", variant.overlay());
            if (variant.bundle() != null) {
                arm.put("bundle", variant.bundle());
            }
            variants.put(v, arm);
        });
        row.put("variants", variants);
        row.put("results", "/v1/experiments/" + name + "/results");
        return row;
    }

    private void results(Context ctx) {
        String name = QueryParams.id(ctx, "name");
        ctx.json(analysis.results(name).orElseThrow(() -> Problem.notFound("No experiment is called '" + name
                + "'; configured: " + analysis.experiments().keySet() + ".").toException()));
    }
}
