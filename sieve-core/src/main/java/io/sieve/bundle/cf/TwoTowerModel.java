package io.sieve.bundle.cf;

import io.sieve.ann.VectorMath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained two-tower model, as served. The item tower's outputs for the bundle's items are
 * precomputed ({@code items}, unit length, indexed for search); the user tower runs per request
 * over the mean of the user's latest items' history embeddings ({@code historyInputs}, also
 * precomputed), so a user is placed from their latest events, the first one included. An item the
 * bundle does not know is placed by the item tower from its categories and tags alone.
 *
 * @param historyWeights      each item's pooling weight in a history: shares are their softmax (all 0: the mean)
 * @param historyLength       the most items the user tower pools, the newest, as in training
 * @param attributes          the attribute vocabulary ({@code category:x}, {@code tag:y}), by row
 * @param attributeEmbeddings the item tower's embedding of each attribute
 * @param attributeRows       each attribute's row, derived from {@code attributes}
 */
public record TwoTowerModel(Factors items, Factors historyInputs, float[] historyWeights, int historyLength, List<DenseLayer> userTower,
                            List<DenseLayer> itemTower, List<String> attributes, Factors attributeEmbeddings,
                            Map<String, Integer> attributeRows) {

    public TwoTowerModel(Factors items, Factors historyInputs, float[] historyWeights, int historyLength, List<DenseLayer> userTower,
                         List<DenseLayer> itemTower, List<String> attributes, Factors attributeEmbeddings) {
        this(items, historyInputs, historyWeights, historyLength, List.copyOf(userTower), List.copyOf(itemTower), List.copyOf(attributes),
                attributeEmbeddings, rowsOf(attributes));
    }

    /**
     * The user tower over the history inputs of the first {@code historyLength} items (newest
     * first), pooled by the softmax of their weights; null for none.
     */
    public float[] userVector(int[] recentItems) {
        int count = Math.min(historyLength, recentItems.length);
        if (count == 0) {
            return null;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, historyWeights[recentItems[k]]);
        }
        float[] shares = new float[count];
        float sum = 0;
        for (int k = 0; k < count; k++) {
            shares[k] = (float) Math.exp(historyWeights[recentItems[k]] - max);
            sum += shares[k];
        }
        int dim = historyInputs.dim();
        float[] pooled = new float[dim];
        float[] data = historyInputs.data();
        for (int k = 0; k < count; k++) {
            int o = historyInputs.offset(recentItems[k]);
            float share = shares[k] / sum;
            for (int d = 0; d < dim; d++) {
                pooled[d] += share * data[o + d];
            }
        }
        return tower(userTower, pooled);
    }

    /** The item tower over the mean embedding of the item's known attributes; null when none is known. */
    public float[] newItemVector(List<String> itemAttributes) {
        float[] input = new float[attributeEmbeddings.dim()];
        int known = 0;
        for (String a : itemAttributes) {
            Integer row = attributeRows.get(a);
            if (row != null) {
                known++;
                int o = attributeEmbeddings.offset(row);
                for (int d = 0; d < input.length; d++) {
                    input[d] += attributeEmbeddings.data()[o + d];
                }
            }
        }
        if (known == 0) {
            return null;
        }
        for (int d = 0; d < input.length; d++) {
            input[d] /= known;
        }
        return tower(itemTower, input);
    }

    private static Map<String, Integer> rowsOf(List<String> attributes) {
        Map<String, Integer> rows = new HashMap<>(attributes.size() * 2);
        for (int i = 0; i < attributes.size(); i++) {
            rows.put(attributes.get(i), i);
        }
        return Map.copyOf(rows);
    }

    /** The layers in turn, the output at unit length (null when it is zero). */
    public static float[] tower(List<DenseLayer> layers, float[] input) {
        float[] x = input;
        for (DenseLayer layer : layers) {
            x = layer.apply(x);
        }
        return VectorMath.dot(x, x) > 0 ? VectorMath.normalise(x) : null;
    }
}
