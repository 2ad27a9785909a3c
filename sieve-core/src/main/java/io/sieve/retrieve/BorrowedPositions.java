package io.sieve.retrieve;

import io.sieve.bundle.ModelBundle;
import io.sieve.content.ContentModel;
import io.sieve.model.Item;
import io.sieve.bundle.cf.Factors;

/**
 * A collaborative position for an item the ALS model has never seen: the direction of the
 * similarity-weighted mean of the ALS vectors of its nearest content neighbours among the items
 * ALS knows, at their mean length. It places a new
 * item where the items that read like it sit in the taste space, so ALS can recommend it before it
 * has a single interaction; the next training that includes the item replaces the loan with its
 * own vector.
 */
final class BorrowedPositions {
    private BorrowedPositions() {
    }

    /** Null when the bundle has no content or ALS model, or no neighbour resembles the item. */
    static float[] of(ModelBundle bundle, Item item, int neighbours) {
        ContentModel content = bundle.content();
        var als = bundle.models().als();
        if (content.isEmpty() || als == null) {
            return null;
        }
        float[] v = content.derived("als", item.id(), () -> compute(bundle, content, als.items(), item, neighbours));
        return v.length == 0 ? null : v;
    }

    private static float[] compute(ModelBundle bundle, ContentModel content, Factors factors, Item item, int neighbours) {
        float[] sum = new float[factors.dim()];
        double total = 0;
        double norms = 0;
        for (ContentModel.Match m : content.search(content.vectorOf(item), neighbours,
                id -> bundle.items().indexOf(id) >= 0 && bundle.items().indexOf(id) < factors.rows(), java.util.List.of())) {
            if (m.similarity() <= 0) {
                continue;
            }
            int row = bundle.items().indexOf(m.itemId());
            double norm = 0;
            for (int d = 0; d < sum.length; d++) {
                float x = factors.data()[factors.offset(row) + d];
                sum[d] += m.similarity() * x;
                norm += x * x;
            }
            total += m.similarity();
            norms += m.similarity() * Math.sqrt(norm);
        }
        if (total == 0) {
            return new float[0];
        }
        // A mean of vectors is shorter than they are, and ALS scores grow with length: the loan
        // keeps the neighbours' direction and their typical length, not the mean's.
        double length = 0;
        for (float x : sum) {
            length += x * x;
        }
        float scale = length > 0 ? (float) (norms / total / Math.sqrt(length)) : 0;
        for (int d = 0; d < sum.length; d++) {
            sum[d] *= scale;
        }
        return sum;
    }
}
