package io.sieve.eval;

import io.sieve.model.Item;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metrics of the slate rather than of hits: intra-list diversity (mean pairwise category
 * distance, 1 - Jaccard) and novelty (mean self-information -log2 p(i), where p(i) is the share
 * of training users who interacted with the item).
 */
final class BeyondAccuracy {
    private BeyondAccuracy() {
    }

    /** NaN when fewer than two items in the list have categories. */
    static double intraListDiversity(List<String> ranked, Map<String, Item> catalog) {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < ranked.size(); a++) {
            Item x = catalog.get(ranked.get(a));
            if (x == null || x.categories().isEmpty()) {
                continue;
            }
            for (int b = a + 1; b < ranked.size(); b++) {
                Item y = catalog.get(ranked.get(b));
                if (y == null || y.categories().isEmpty()) {
                    continue;
                }
                sum += 1 - jaccard(x.categories(), y.categories());
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    static double novelty(List<String> ranked, Map<String, Integer> usersPerItem, int userCount) {
        if (ranked.isEmpty() || userCount == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (String id : ranked) {
            double p = Math.max(1, usersPerItem.getOrDefault(id, 0)) / (double) userCount;
            sum += -Math.log(p) / Math.log(2);
        }
        return sum / ranked.size();
    }

    private static double jaccard(List<String> a, List<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        int common = 0;
        for (String s : new HashSet<>(a)) {
            if (b.contains(s)) {
                common++;
            }
        }
        return union.isEmpty() ? 0 : common / (double) union.size();
    }
}
