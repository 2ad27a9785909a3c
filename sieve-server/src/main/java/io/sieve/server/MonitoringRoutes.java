package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.bundle.BundleStore;
import io.sieve.feature.ItemStatistics;
import io.sieve.monitor.DataHealth;
import io.sieve.store.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console and operators read besides metrics: the data's health (freshness and drift),
 * the stored bundles with what training recorded of each, and an item's counters.
 */
final class MonitoringRoutes {
    private final DataHealth health;
    private final BundleStore bundles;
    private final ModelHolder model;
    private final CanaryRollout rollout;
    private final Catalog catalog;
    private final ItemStatistics statistics;

    MonitoringRoutes(DataHealth health, BundleStore bundles, ModelHolder model, CanaryRollout rollout, Catalog catalog,
                     ItemStatistics statistics) {
        this.health = health;
        this.bundles = bundles;
        this.model = model;
        this.rollout = rollout;
        this.catalog = catalog;
        this.statistics = statistics;
    }

    void register(Javalin app) {
        app.get("/v1/admin/health", ctx -> ctx.json(health.report()), Scope.ADMIN);
        app.get("/v1/admin/models", this::models, Scope.ADMIN);
        app.get("/v1/items/{itemId}/statistics", this::itemStatistics, Scope.WRITE);
    }

    /** The stored bundles, newest first, marking the one served and the one on trial. */
    private void models(Context ctx) {
        String current = model.current().version();
        var active = rollout.active();
        String canary = active == null ? null : active.version();
        List<Map<String, Object>> list = new ArrayList<>();
        bundles.manifests().forEach(manifest -> {
            String version = manifest.path("version").asText();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", version);
            entry.put("createdAt", manifest.path("createdAt").asText());
            entry.put("current", version.equals(current));
            entry.put("canary", version.equals(canary));
            entry.put("manifest", manifest);
            list.add(entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current", current);
        body.put("canary", canary);
        body.put("bundles", list);
        ctx.json(body);
    }

    /**
     * The item's all-time counters: impressions, positive events, positive events that answered a
     * served slate, and their ratio to impressions (the observed response rate; null before it was shown).
     */
    private void itemStatistics(Context ctx) {
        String id = QueryParams.id(ctx, "itemId");
        if (catalog.item(id).isEmpty()) {
            throw Problem.notFound("No item with id '" + id + "'.").toException();
        }
        double shown = statistics.shown(id);
        double responses = statistics.responded(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("item", id);
        body.put("impressions", shown);
        body.put("engaged", statistics.engaged(id));
        body.put("responses", responses);
        body.put("responseRate", shown > 0 ? responses / shown : null);
        ctx.json(body);
    }
}
