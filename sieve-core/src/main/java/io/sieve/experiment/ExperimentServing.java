package io.sieve.experiment;

import io.sieve.bundle.ModelBundle;
import io.sieve.config.SieveConfig;
import io.sieve.funnel.RecommendationRequest;
import io.sieve.pipeline.Pipeline;
import io.sieve.pipeline.Recommendations;
import java.time.Instant;
import io.sieve.model.Impression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.rng.simple.RandomSource;
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
                throw new UnknownVariantException("a canary's variants are stable and canary, not '" + arm + "'");
            }
            bundle = arm.equals(Canary.CANARY) ? canary.candidate() : current;
            variants.put(canary.experiment(), arm);
        }
        Recommendations served = assignment.interleaving() == null
                ? pipelines.pipeline(assignment).recommend(request, bundle)
                : interleaved(request, assignment, bundle);
        return served.inExperiments(variants, exposed && !served.items().isEmpty());
    }

    /**
     * Both sides of the interleaving experiment, each its variant's overlay over the rest of the
     * assignment, merged by team draft; the coin is seeded by the request id, so a logged list can
     * be drawn again.
     */
    private Recommendations interleaved(RecommendationRequest request, Assignment assignment, ModelBundle bundle) {
        Assignment.Interleaving il = assignment.interleaving();
        List<Recommendations> sides = new ArrayList<>(2);
        for (int team = 0; team < 2; team++) {
            Map<String, String> overlay = new TreeMap<>(assignment.overlay());
            overlay.putAll(il.overlays().get(team));
            Assignment side = new Assignment(Map.of(), overlay, il.bundles().get(team), false);
            sides.add(pipelines.pipeline(side).recommend(request, pipelines.bundle(side, bundle)));
        }
        Recommendations first = sides.get(0);
        long seed = Double.doubleToLongBits(Bucketing.unit(il.salt(), first.requestId()));
        List<TeamDraft.Pick> picks = TeamDraft.interleave(ids(sides.get(0)), ids(sides.get(1)), request.n(),
                RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        List<Recommendations.RecommendedItem> items = new ArrayList<>(picks.size());
        List<Impression.Shown> shown = new ArrayList<>(picks.size());
        Map<String, String> teams = new LinkedHashMap<>();
        for (TeamDraft.Pick pick : picks) {
            Recommendations side = sides.get(pick.team());
            items.add(side.items().stream().filter(i -> i.id().equals(pick.item())).findFirst().orElseThrow());
            // Interleaved lists are no ranker's slate: no features, propensity 1.
            shown.add(new Impression.Shown(pick.item(), shown.size() + 1, items.getLast().score(), 1, null));
            teams.put(pick.item(), il.teams().get(pick.team()));
        }
        Impression a = first.impression();
        Impression b = sides.get(1).impression();
        Impression merged = new Impression(first.requestId(), a.user(), a.timestamp(), a.surface(), a.device(), a.modelVersion(), null,
                shown, null, a.latencyMs() + b.latencyMs(), a.degraded() || b.degraded(), teams);
        return new Recommendations(first.requestId(), items, first.debug(), merged, null);
    }

    private static List<String> ids(Recommendations list) {
        return list.items().stream().map(Recommendations.RecommendedItem::id).toList();
    }
}
