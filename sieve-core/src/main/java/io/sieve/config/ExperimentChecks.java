package io.sieve.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What makes an experiment well-formed, beyond one key's range: at least two variants whose weights
 * sum to 1, a control that is one of them, a window that ends after it starts, layers whose
 * experiments take at most all of the layer's users, and overlays that change only serving settings.
 * Whether an overlay's keys and values make a valid configuration is checked by applying it
 * ({@link ConfigLoader#forVariant}).
 */
final class ExperimentChecks {
    /** The sections a variant may change: what the request path reads, nothing of storage, training or the server. */
    static final List<String> SERVING_SECTIONS = List.of("retrieval", "filters", "features", "ranking", "rerank",
            "exploration", "search");

    /** Names appear in responses, metrics labels and URLs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private ExperimentChecks() {
    }

    static void run(SieveConfig c, Problems p) {
        Map<String, Double> trafficPerLayer = new TreeMap<>();
        c.experiments().forEach((name, e) -> {
            String key = "experiments." + name;
            if (!NAME.matcher(name).matches()) {
                p.add(key, "an experiment's name is 1 to 64 letters, digits, '_', '.' or '-'");
            }
            if (HoldoutConfig.NAME.equals(name) && c.holdout().fraction() > 0) {
                p.add(key, "'holdout' is the long-term holdout's name while holdout.fraction is above 0");
            }
            if (e.variants() == null) {
                return;
            }
            if (e.variants().size() < 2) {
                p.add(key + ".variants", "needs at least two variants, a control and a treatment");
            }
            if (e.kind() == ExperimentKind.interleaving && e.variants().size() != 2) {
                p.add(key + ".variants", "interleaving merges exactly two variants' lists, has " + e.variants().size());
            }
            double sum = e.variants().values().stream().filter(v -> v != null).mapToDouble(ExperimentConfig.Variant::weight).sum();
            if (Math.abs(sum - 1) > 1e-6) {
                p.add(key + ".variants", "weights must sum to 1, sum to " + sum);
            }
            e.variants().forEach((variant, v) -> {
                if (!NAME.matcher(variant).matches()) {
                    p.add(key + ".variants." + variant, "a variant's name is 1 to 64 letters, digits, '_', '.' or '-'");
                }
                if (v != null) {
                    overlayKeys(key + ".variants." + variant + ".overlay", v.overlay(), p);
                }
            });
            if (e.control() != null && !e.variants().containsKey(e.control())) {
                p.add(key + ".control", "names no variant; variants: " + e.variants().keySet());
            }
            if (e.start() != null && e.end() != null && !e.end().isAfter(e.start())) {
                p.add(key + ".end", "must be after start (" + e.start() + ")");
            }
            trafficPerLayer.merge(e.layerOr(name), e.traffic(), Double::sum);
        });
        trafficPerLayer.forEach((layer, traffic) -> {
            if (traffic > 1 + 1e-9) {
                p.add("experiments", "the experiments of layer '" + layer + "' take " + Math.round(traffic * 1000) / 1000.0
                        + " of its users; experiments in one layer share at most all of them (traffic sums to at most 1)");
            }
        });
        overlayKeys("holdout.overlay", c.holdout().overlay(), p);
        c.rollout().canary().guardrails().stream().filter(m -> !RolloutConfig.METRICS.contains(m))
                .forEach(m -> p.add("rollout.canary.guardrails", "'" + m + "' is not a metric; metrics: " + RolloutConfig.METRICS));
    }

    private static void overlayKeys(String key, Map<String, Object> overlay, Problems p) {
        overlay.keySet().stream()
                .filter(k -> !SERVING_SECTIONS.contains(k.split("\\.", 2)[0]))
                .forEach(k -> p.add(key + "." + k, "only serving settings can differ between variants: keys under " + SERVING_SECTIONS));
    }
}
