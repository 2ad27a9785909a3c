package io.sieve.rank;

import io.sieve.config.Fusion;
import io.sieve.model.ColdStartStage;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import io.sieve.funnel.Ranked;
import io.sieve.funnel.SourceHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Blends the sources' opinions into one score, as a weighted sum over the sources that proposed
 * a candidate. Sources score on unrelated scales (similarity sums, counts, decayed counts), so
 * each contribution is made comparable first, in one of two ways:
 * <ul>
 *   <li>{@code score}: the source's score over its best score in this request, which keeps
 *       how much better one candidate is than the next, measured from zero or, for a source whose
 *       scores go below zero (cosines, dot products), from its lowest score in the request: clipped
 *       at zero, a source whose candidates are mostly negative would tie them all;</li>
 *   <li>{@code rrf}: reciprocal-rank fusion, weight / (k + rank), which uses ranks only.</li>
 * </ul>
 * The reason shown is that of the source contributing most. Users early on the cold-start chain
 * (see {@link ColdStartStage}) are blended with their stage's weights.
 */
public final class BlendRanker implements Ranker {
    private final Map<String, Double> weights;
    private final Fusion fusion;
    private final double k;
    private final ColdStart coldStart;

    public BlendRanker(Map<String, Double> weights, Fusion fusion, double k) {
        this(weights, fusion, k, new ColdStart(Integer.MAX_VALUE, List.of(), Map.of()));
    }

    /**
     * @param coldStart which stage of the cold-start chain a user is at, and the source weights of
     *                  the stages before full personalisation
     */
    public BlendRanker(Map<String, Double> weights, Fusion fusion, double k, ColdStart coldStart) {
        this.weights = Map.copyOf(weights);
        this.fusion = fusion;
        this.k = k;
        this.coldStart = coldStart;
    }

    /** The chain's settings: the segment attributes, when a user counts as personalised, and each stage's weights. */
    public record ColdStart(int personalAfter, List<String> segmentAttributes, Map<ColdStartStage, Map<String, Double>> stages) {
    }

    @Override
    public Ranked rank(RequestContext context, List<Candidate> candidates) {
        ColdStartStage stage = ColdStartStage.of(context.user().orElse(null), context.history(), context.types(),
                coldStart.segmentAttributes(), coldStart.personalAfter());
        Map<String, Double> weights = new HashMap<>(this.weights);
        weights.putAll(coldStart.stages().getOrDefault(stage, Map.of()));
        Map<String, Double> best = new HashMap<>();
        Map<String, Double> floor = new HashMap<>();
        for (Candidate c : candidates) {
            c.hits().forEach((source, hit) -> {
                best.merge(source, hit.score(), Math::max);
                floor.merge(source, Math.min(0, hit.score()), Math::min);
            });
        }
        List<Candidate> ranked = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            double total = 0;
            double strongest = -1;
            String reason = null;
            for (Map.Entry<String, SourceHit> hit : c.hits().entrySet()) {
                double weight = weights.getOrDefault(hit.getKey(), 0.0);
                double top = best.get(hit.getKey());
                double bottom = floor.get(hit.getKey());
                double part = fusion == Fusion.rrf
                        ? weight / (k + hit.getValue().rank())
                        : top > bottom ? weight * (hit.getValue().score() - bottom) / (top - bottom) : 0;
                total += part;
                if (part > strongest) {
                    strongest = part;
                    reason = hit.getValue().reason();
                }
            }
            ranked.add(c.withScore(total, reason));
        }
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::itemId));
        return new Ranked(ranked, "blend", stage);
    }
}
