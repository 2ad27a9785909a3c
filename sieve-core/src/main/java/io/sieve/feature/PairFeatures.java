package io.sieve.feature;

import io.sieve.ann.VectorMath;
import io.sieve.config.SieveConfig;
import java.util.List;

/**
 * The user and the item together: how much of the user's positive history falls in the item's
 * categories ("because you like Comedy"), and how close the item is to the user's latest items by
 * co-visitation and by ALS embedding (the reason of the source that measures it).
 */
final class PairFeatures implements FeatureFamily {
    @Override
    public List<Feature> features(SieveConfig config) {
        Feature.Reason favouriteCategory = (reasons, c) -> reasons.item(c.itemId()).flatMap(reasons::favouriteCategoryOf)
                .map(category -> "because you like " + category).orElse(null);
        return List.of(
                Feature.numeric("pair_category_affinity", (r, c) -> categoryAffinity(r, c, true), favouriteCategory),
                Feature.numeric("pair_category_affinity_sum", (r, c) -> categoryAffinity(r, c, false), favouriteCategory),
                Feature.numeric("pair_covisitation_recent", (r, c) -> r.coVisitedWithRecent.getOrDefault(c.bundleIndex(), 0f),
                        Feature.sourceReason("covisitation")),
                Feature.numeric("pair_als_similarity_recent", PairFeatures::alsSimilarity, Feature.sourceReason("als")));
    }

    private static double categoryAffinity(RequestFeatures r, CandidateFeatures c, boolean max) {
        if (c.item() == null) {
            return Double.NaN;
        }
        double best = 0;
        double sum = 0;
        for (String category : c.item().categories()) {
            double share = r.categoryShare.getOrDefault(category, 0.0);
            best = Math.max(best, share);
            sum += share;
        }
        return max ? best : sum;
    }

    private static double alsSimilarity(RequestFeatures r, CandidateFeatures c) {
        var als = c.bundleIndex() >= 0 && r.recentVectors.length > 0 ? r.alsItem(c.bundleIndex()) : null;
        if (als == null) {
            return Double.NaN;
        }
        double best = -1;
        for (float[] recent : r.recentVectors) {
            best = Math.max(best, VectorMath.dot(recent, als));
        }
        return best;
    }
}
