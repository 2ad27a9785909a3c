package io.sieve.experiment;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.Recommendations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves a request under the user's experiment variants: assigns them, runs the funnel their
 * overlays configure with the bundle they pin (or the current one), and marks the answer with the
 * variants. The impression records them as exposures only when the variant really served a list:
 * not for a variant forced for QA, and not for an empty list.
 */
public final class ExperimentServing {
    private final Assigner assigner;
    private final VariantPipelines pipelines;

    /**
     * @param build   makes a pipeline for a configuration (the server's store, statistics and threads)
     * @param bundles loads a published bundle by version, for variants that pin one
     */
    public ExperimentServing(SieveConfig config, Pipeline basePipeline, Function<SieveConfig, Pipeline> build,
                             Function<String, ModelBundle> bundles) {
        this.assigner = new Assigner(config);
        this.pipelines = new VariantPipelines(config, basePipeline, build, bundles);
    }

    /**
     * @param forced experiment to variant, chosen by hand for QA (empty: none)
     * @param now    the moment that decides which experiments are running
     * @param canary a bundle on trial, or null: its users get it unless a variant pins another
     */
    public Recommendations recommend(RecommendationRequest request, Map<String, String> forced, Instant now, ModelBundle current,
                                     Canary canary) {
        Map<String, String> chosen = new LinkedHashMap<>(forced);
        String canaryArm = canary == null ? null : chosen.remove(canary.experiment());
        Assignment assignment = assigner.isEmpty() ? Assignment.NONE : assigner.assign(request.userId(), request.surface(), now);
        if (!chosen.isEmpty()) {
            assignment = assigner.force(assignment, chosen);
        }
        ModelBundle bundle = pipelines.bundle(assignment, current);
        Map<String, String> variants = new LinkedHashMap<>(assignment.variants());
        boolean exposed = !assignment.forced() && canaryArm == null;
        if (canary != null && assignment.bundle() == null) {
            String arm = canaryArm != null ? canaryArm : canary.serves(request.userId()) ? Canary.CANARY : Canary.STABLE;
            if (!arm.equals(Canary.CANARY) && !arm.equals(Canary.STABLE)) {
                throw new IllegalArgumentException("a canary's variants are stable and canary, not '" + arm + "'");
            }
            bundle = arm.equals(Canary.CANARY) ? canary.candidate() : current;
            variants.put(canary.experiment(), arm);
        }
        Recommendations served = pipelines.pipeline(assignment).recommend(request, bundle);
        return served.inExperiments(variants, exposed && !served.items().isEmpty());
    }

    /** The variants {@code user} is in on {@code surface} now, without serving anything. */
    public Assignment assignment(String user, String surface, Instant now) {
        return assigner.assign(user, surface, now);
    }
}
