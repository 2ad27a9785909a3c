package io.sieve.feature;

import io.sieve.config.SieveConfig;
import io.sieve.funnel.SourceHit;
import java.util.ArrayList;
import java.util.List;

/**
 * What retrieval said: each enabled source's score (scaled by its best in the request) and rank,
 * whose reason is that source's own ("because you watched X"), how many sources proposed the item,
 * and the blend's first-pass score and rank.
 */
final class SourceFeatures implements FeatureFamily {
    @Override
    public List<Feature> features(SieveConfig config) {
        List<Feature> all = new ArrayList<>();
        config.retrieval().sources().forEach((source, settings) -> {
            if (!settings.enabled()) {
                return;
            }
            all.add(Feature.numeric("source_" + source + "_score", (r, c) -> {
                SourceHit hit = c.candidate().hits().get(source);
                double best = r.bestSourceScore.getOrDefault(source, 0.0);
                return hit == null ? Double.NaN : best > 0 ? hit.score() / best : hit.score();
            }, Feature.sourceReason(source)));
            all.add(Feature.numeric("source_" + source + "_rank", (r, c) -> {
                SourceHit hit = c.candidate().hits().get(source);
                return hit == null ? Double.NaN : hit.rank();
            }, Feature.sourceReason(source)));
        });
        all.add(Feature.numeric("source_count", (r, c) -> c.candidate().hits().size()));
        all.add(Feature.numeric(FeatureSchema.BLEND_SCORE, (r, c) -> c.candidate().score()));
        all.add(Feature.numeric(FeatureSchema.BLEND_RANK, (r, c) -> c.firstPassRank()));
        return all;
    }
}
