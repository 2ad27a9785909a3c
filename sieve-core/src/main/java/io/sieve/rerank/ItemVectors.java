package io.sieve.rerank;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.ModelBundle;
import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unit vectors whose dot products are the similarities diversity works with: the items' ALS
 * vectors ({@code embedding}) or indicator vectors of their categories ({@code category}). Both
 * make the similarity matrix a Gram matrix, positive semi-definite, as the DPP needs.
 */
final class ItemVectors {
    /** How similarity between two items is measured. */
    enum Kind { embedding, category }

    private ItemVectors() {
    }

    /** One unit vector per candidate; embedding falls back to categories when the bundle has no ALS model. */
    static float[][] of(RequestContext context, List<Candidate> candidates, Kind kind) {
        ModelBundle bundle = context.bundle();
        var als = bundle.models().als();
        if (kind == Kind.embedding && als != null) {
            float[][] out = new float[candidates.size()][];
            for (int i = 0; i < out.length; i++) {
                int index = bundle.items().indexOf(candidates.get(i).itemId());
                out[i] = index >= 0 && index < als.items().rows() ? VectorMath.normalise(als.items().row(index)) : new float[als.items().dim()];
            }
            return out;
        }
        Map<String, Integer> columns = new HashMap<>();
        List<List<String>> categories = candidates.stream()
                .map(c -> context.item(c.itemId()).map(Item::categories).orElse(List.of())).toList();
        categories.forEach(cs -> cs.forEach(cat -> columns.putIfAbsent(cat, columns.size())));
        float[][] out = new float[candidates.size()][columns.size()];
        for (int i = 0; i < out.length; i++) {
            for (String cat : categories.get(i)) {
                out[i][columns.get(cat)] = 1;
            }
            VectorMath.normalise(out[i]);
        }
        return out;
    }
}
