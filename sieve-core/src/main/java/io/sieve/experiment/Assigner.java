package io.sieve.experiment;

import io.sieve.config.ExperimentConfig;
import io.sieve.config.ExperimentKind;
import io.sieve.config.HoldoutConfig;
import io.sieve.config.SieveConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts users into experiment variants. Within a layer, a hash of (layer, user) places the user, and
 * the layer's experiments take consecutive shares of it in the order configured (their
 * {@code traffic}), so two experiments of one layer never share a user. Within an experiment, a hash
 * of (salt, user) picks the variant by weight. A long-term holdout comes first: its users are in no
 * experiment. Nothing is stored: the same user is placed the same way on every call and every
 * replica.
 */
public final class Assigner {
    /** One experiment as assignment sees it: its share of its layer and its variants' cumulative weights. */
    private record Placed(String name, ExperimentConfig config, String layer, double from, double to,
                          List<String> variants, double[] cumulative) {
        String variantOf(String user) {
            double u = Bucketing.unit(config.salt(), user);
            for (int i = 0; i < cumulative.length - 1; i++) {
                if (u < cumulative[i]) {
                    return variants.get(i);
                }
            }
            return variants.getLast();
        }
    }

    private final List<Placed> experiments = new ArrayList<>();
    private final Placed holdout;

    public Assigner(SieveConfig config) {
        Map<String, Double> layerOffsets = new LinkedHashMap<>();
        config.experiments().forEach((name, e) -> {
            String layer = e.layerOr(name);
            double from = layerOffsets.getOrDefault(layer, 0.0);
            layerOffsets.put(layer, from + e.traffic());
            experiments.add(placed(name, e, layer, from, from + e.traffic()));
        });
        holdout = config.holdout().fraction() > 0
                ? placed(HoldoutConfig.NAME, config.holdout().asExperiment(), HoldoutConfig.NAME, 0, 1) : null;
    }

    private static Placed placed(String name, ExperimentConfig e, String layer, double from, double to) {
        List<String> names = new ArrayList<>(e.variants().keySet());
        double[] cumulative = new double[names.size()];
        double sum = 0;
        for (int i = 0; i < names.size(); i++) {
            sum += e.variants().get(names.get(i)).weight();
            cumulative[i] = sum;
        }
        return new Placed(name, e, layer, from, to, names, cumulative);
    }

    public boolean isEmpty() {
        return experiments.isEmpty() && holdout == null;
    }

    /** The variants {@code user} gets on {@code surface} at {@code now}. */
    public Assignment assign(String user, String surface, Instant now) {
        Map<String, String> variants = new LinkedHashMap<>();
        Map<String, String> overlay = new TreeMap<>();
        String[] bundle = {null};
        if (holdout != null) {
            String arm = holdout.variantOf(user);
            variants.put(HoldoutConfig.NAME, arm);
            if (HoldoutConfig.HELD_OUT.equals(arm)) {
                overlay.putAll(holdout.config().variants().get(arm).settings());
                return new Assignment(variants, overlay, null, false);
            }
        }
        Assignment.Interleaving interleaving = null;
        for (Placed p : experiments) {
            if (!p.config().activeAt(now) || !p.config().runsOn(surface)) {
                continue;
            }
            double position = Bucketing.unit("layer:" + p.layer(), user);
            if (position < p.from() || position >= p.to()) {
                continue;
            }
            // One interleaving per list: a second one the user is in does not apply to them.
            if (p.config().kind() == ExperimentKind.interleaving) {
                if (interleaving == null) {
                    interleaving = interleaving(p);
                    variants.put(p.name(), Assignment.INTERLEAVED);
                }
                continue;
            }
            String variant = p.variantOf(user);
            variants.put(p.name(), variant);
            add(p.config().variants().get(variant), overlay, bundle);
        }
        return new Assignment(variants, overlay, bundle[0], false, interleaving);
    }

    /**
     * The assignment with some variants chosen by hand ({@code experiment -> variant}), for QA:
     * served as asked, and marked forced so that no exposure is counted.
     *
     * @throws UnknownVariantException naming an experiment or variant that does not exist
     */
    public Assignment force(Assignment natural, Map<String, String> chosen) {
        Map<String, String> variants = new LinkedHashMap<>(natural.variants());
        variants.putAll(chosen);
        Map<String, String> overlay = new TreeMap<>();
        String[] bundle = {null};
        Assignment.Interleaving interleaving = null;
        for (Map.Entry<String, String> v : variants.entrySet()) {
            Placed p = placedOf(v.getKey());
            ExperimentConfig e = p.config();
            if (e.kind() == ExperimentKind.interleaving && v.getValue().equals(Assignment.INTERLEAVED)) {
                interleaving = interleaving(p);
            } else if (!e.variants().containsKey(v.getValue())) {
                throw new UnknownVariantException("experiment '" + v.getKey() + "' has no variant '" + v.getValue()
                        + "'; variants: " + e.variants().keySet()
                        + (e.kind() == ExperimentKind.interleaving ? " and " + Assignment.INTERLEAVED : ""));
            } else {
                add(e.variants().get(v.getValue()), overlay, bundle);
            }
        }
        return new Assignment(variants, overlay, bundle[0], true, interleaving);
    }

    private static Assignment.Interleaving interleaving(Placed p) {
        List<Map<String, String>> overlays = new ArrayList<>();
        List<String> bundles = new ArrayList<>();
        for (String team : p.variants()) {
            overlays.add(p.config().variants().get(team).settings());
            bundles.add(p.config().variants().get(team).bundle());
        }
        return new Assignment.Interleaving(p.name(), p.config().salt(), p.variants(), overlays, bundles);
    }

    private Placed placedOf(String experiment) {
        if (holdout != null && holdout.name().equals(experiment)) {
            return holdout;
        }
        return experiments.stream().filter(p -> p.name().equals(experiment)).findFirst()
                .orElseThrow(() -> new UnknownVariantException("no experiment is called '" + experiment + "'; experiments: "
                        + experiments.stream().map(Placed::name).toList()));
    }

    private static void add(ExperimentConfig.Variant variant, Map<String, String> overlay, String[] bundle) {
        overlay.putAll(variant.settings());
        if (variant.bundle() != null) {
            bundle[0] = variant.bundle();
        }
    }
}
