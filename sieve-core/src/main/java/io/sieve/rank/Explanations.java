package io.sieve.rank;

import io.sieve.feature.Feature;
import io.sieve.feature.Reasons;
import io.sieve.funnel.Candidate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a candidate's SHAP contributions into what a person reads: the strongest features for
 * debug output, and the reason of the feature that pushed the item up most. A feature that has
 * no words of its own (hour of day, say) passes the turn to the next one.
 */
final class Explanations {
    static final int SHOWN = 5;

    private Explanations() {
    }

    /**
     * @param contributions one per feature from {@code offset}, in the order of {@code features}
     * @return the candidate with its strongest contributions and its reason
     */
    static Candidate explain(Reasons reasons, Candidate c, List<Feature> features, double[] contributions, int offset) {
        int width = features.size();
        Integer[] order = new Integer[width];
        for (int f = 0; f < width; f++) {
            order[f] = f;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -Math.abs(contributions[offset + f])));
        Map<String, Double> top = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(SHOWN, width); i++) {
            top.put(features.get(order[i]).name(), contributions[offset + order[i]]);
        }
        String reason = null;
        for (int i = 0; i < width && reason == null; i++) {
            int f = order[i];
            if (contributions[offset + f] > 0) {
                reason = features.get(f).reason().of(reasons, c);
            }
        }
        return c.withExplanation(top, reason != null ? reason : c.reason());
    }
}
