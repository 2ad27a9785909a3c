package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.config.ExperimentConfig;
import io.sieve.experiment.ExperimentAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured experiments and their results, computed from the impression and event logs on each call. */
final class ExperimentRoutes {
    private final ExperimentAnalysis analysis;

    ExperimentRoutes(ExperimentAnalysis analysis) {
        this.analysis = analysis;
    }

    void register(Javalin app) {
        app.get("/v1/experiments", this::list, Scope.ADMIN);
        app.get("/v1/experiments/{name}/results", this::results, Scope.ADMIN);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        analysis.experiments().forEach((name, e) -> out.add(describe(name, e)));
        ctx.json(Map.of("experiments", out));
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
