package io.sieve.experiment;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.Recommendations;
import java.time.Instant;
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
     */
    public Recommendations recommend(RecommendationRequest request, Map<String, String> forced, Instant now, ModelBundle current) {
        Assignment assignment = assigner.isEmpty() ? Assignment.NONE : assigner.assign(request.userId(), request.surface(), now);
        if (!forced.isEmpty()) {
            assignment = assigner.force(assignment, forced);
        }
        Recommendations served = pipelines.pipeline(assignment).recommend(request, pipelines.bundle(assignment, current));
        return served.inExperiments(assignment.variants(), !assignment.forced() && !served.items().isEmpty());
    }

    /** The variants {@code user} is in on {@code surface} now, without serving anything. */
    public Assignment assignment(String user, String surface, Instant now) {
        return assigner.assign(user, surface, now);
    }
}
