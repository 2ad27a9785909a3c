package io.sieve.experiment;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigException;
import io.sieve.config.ConfigLoader;
import io.sieve.config.ExperimentConfig;
import io.sieve.config.HoldoutConfig;
import io.sieve.config.RankingType;
import io.sieve.config.SieveConfig;
import io.sieve.feature.FeatureSchema;
import io.sieve.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One funnel per distinct overlay: the default configuration's pipeline for users outside every
 * experiment, and one built from the configuration with the overlay applied for each combination
 * of variants a user can be in. Each variant's own pipeline is built at start, so a broken overlay
 * stops the server there rather than failing a user's request; combinations across layers are
 * built on first use. Pinned bundles are loaded at start too.
 */
public final class VariantPipelines {
    private final SieveConfig base;
    private final Function<SieveConfig, Pipeline> build;
    private final Map<Map<String, String>, Pipeline> pipelines = new ConcurrentHashMap<>();
    private final Map<String, ModelBundle> pinned = new HashMap<>();

    /**
     * @param build   makes a pipeline for a configuration (the server's stores, statistics and threads)
     * @param bundles loads a published bundle by version
     * @throws ConfigException when a variant changes the feature schema without a ranker trained for it
     */
    public VariantPipelines(SieveConfig base, Pipeline basePipeline, Function<SieveConfig, Pipeline> build,
                            Function<String, ModelBundle> bundles) {
        this.base = base;
        this.build = build;
        pipelines.put(Map.of(), basePipeline);
        List<String> problems = new ArrayList<>();
        forEachVariant(base, (key, variant) -> {
            if (variant.bundle() != null && !pinned.containsKey(variant.bundle())) {
                try {
                    pinned.put(variant.bundle(), bundles.apply(variant.bundle()));
                } catch (RuntimeException e) {
                    problems.add(key + ".bundle: cannot load bundle '" + variant.bundle() + "': " + e.getMessage());
                }
            }
        });
        if (problems.isEmpty()) {
            problems.addAll(schemaProblems(base, version -> pinned.get(version).ranker().featureSchema()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        forEachVariant(base, (key, variant) -> pipeline(new Assignment(Map.of(), variant.settings(), null, false)));
    }

    public Pipeline pipeline(Assignment assignment) {
        return pipelines.computeIfAbsent(assignment.overlay(), overlay -> build.apply(ConfigLoader.forVariant(base, overlay)));
    }

    /** The bundle a request under {@code assignment} is served with: a pinned one, or the current. */
    public ModelBundle bundle(Assignment assignment, ModelBundle current) {
        return assignment.bundle() == null ? current : pinned.get(assignment.bundle());
    }

    /**
     * A variant ranked by the learned ranker over a feature list other than the default's needs a
     * ranker trained on that list, which only a pinned bundle can hold: the current bundle's ranker
     * follows the default's list, and the learned ranker would quietly fall back to the blend.
     *
     * @param pinnedSchema the ranker's feature-schema fingerprint of a pinned bundle version
     */
    public static List<String> schemaProblems(SieveConfig base, Function<String, String> pinnedSchema) {
        String baseSchema = FeatureSchema.of(base).fingerprint();
        List<String> problems = new ArrayList<>();
        forEachVariant(base, (key, variant) -> {
            SieveConfig config = ConfigLoader.forVariant(base, variant.settings());
            String schema = FeatureSchema.of(config).fingerprint();
            if (config.ranking().type() != RankingType.learned) {
                return;
            }
            if (variant.bundle() == null && !schema.equals(baseSchema)) {
                problems.add(key + ".overlay: changes the ranker's features, and the current bundle's ranker was trained "
                        + "on the default's (enabling or disabling a source changes them too); add ranking.type: blend to the "
                        + "overlay, or train a bundle with this overlay and pin it with bundle: <version>");
            } else if (variant.bundle() != null && !schema.equals(pinnedSchema.apply(variant.bundle()))) {
                problems.add(key + ".bundle: the ranker of bundle '" + variant.bundle() + "' was trained on other features "
                        + "than this variant ranks with; pin a bundle trained with this variant's overlay");
            }
        });
        return problems;
    }

    /** Every variant of every experiment, and the holdout's arm, with its configuration key. */
    private static void forEachVariant(SieveConfig config, BiConsumer<String, ExperimentConfig.Variant> action) {
        config.experiments().forEach((name, e) -> e.variants().forEach((variant, v) ->
                action.accept("experiments." + name + ".variants." + variant, v)));
        if (config.holdout().fraction() > 0) {
            action.accept("holdout", config.holdout().asExperiment().variants().get(HoldoutConfig.HELD_OUT));
        }
    }
}
