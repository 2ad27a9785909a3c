package io.sieve.train.cf;

/**
 * What a tower reads of an item: its id's embedding, the mean embedding of its categories and
 * tags, and a learned projection of its content vector (one embedding row per content dimension,
 * weighted by the item's value there: a linear layer that costs only the vector's non-zeros). An
 * item's id embedding can be left out (dropped in training, or never trained), and then its
 * attributes and content alone place it: that is how an item nobody has chosen is placed.
 */
final class TowerInputs {
    final EmbeddingTable ids;
    final EmbeddingTable attributes;
    /** The content projection: row j is what content dimension j adds per unit of value. */
    final EmbeddingTable content;
    private final int[][] itemAttributes;
    private final int[][] contentDimensions;
    private final float[][] contentValues;
    /** A pooled history's summed content vector (dense) and the dimensions it touched; one pooling at a time. */
    private final float[] pooledContent;
    private final boolean[] pooled;
    private int[] pooledDimensions = new int[64];
    private int pooledCount;

    /** @param scale the standard deviation of the starting values */
    TowerInputs(int items, int[][] itemAttributes, int attributeCount, ItemContent itemContent, int dim, double scale, long seed) {
        this.itemAttributes = itemAttributes;
        ids = new EmbeddingTable(items, dim, scale, seed);
        attributes = new EmbeddingTable(attributeCount, dim, scale, seed + 1);
        content = new EmbeddingTable(itemContent.dimension(), dim, scale, seed + 7);
        pooledContent = new float[itemContent.dimension()];
        pooled = new boolean[itemContent.dimension()];
        contentDimensions = new int[items][];
        contentValues = new float[items][];
        for (int i = 0; i < items; i++) {
            float[] v = itemContent.of(i);
            int nonZeros = 0;
            for (int j = 0; v != null && j < v.length; j++) {
                nonZeros += v[j] != 0 ? 1 : 0;
            }
            contentDimensions[i] = new int[nonZeros];
            contentValues[i] = new float[nonZeros];
            for (int j = 0, k = 0; k < nonZeros; j++) {
                if (v[j] != 0) {
                    contentDimensions[i][k] = j;
                    contentValues[i][k++] = v[j];
                }
            }
        }
    }

    /** Adds {@code scale ×} the item's input to {@code out[offset ..]}; false when it has none (no id, attributes or content). */
    boolean add(int item, boolean withId, float scale, float[] out, int offset) {
        if (withId) {
            ids.add(item, scale, out, offset);
        }
        attributes.addMean(itemAttributes[item], scale, out, offset);
        int[] dimensions = contentDimensions[item];
        for (int k = 0; k < dimensions.length; k++) {
            content.add(dimensions[k], scale * contentValues[item][k], out, offset);
        }
        return withId || itemAttributes[item].length > 0 || dimensions.length > 0;
    }

    /**
     * Adds {@code Σ scales[k] ×} the items' inputs to {@code out[offset ..]}, their ids always read. The
     * projection is linear, so the content part projects the items' summed content vector once: a
     * history of 200 items sharing words costs each distinct dimension once, not each item's.
     */
    void addAll(int[] items, float[] scales, float[] out, int offset) {
        for (int k = 0; k < items.length; k++) {
            ids.add(items[k], scales[k], out, offset);
            attributes.addMean(itemAttributes[items[k]], scales[k], out, offset);
        }
        sumContent(items, scales);
        for (int k = 0; k < pooledCount; k++) {
            content.add(pooledDimensions[k], pooledContent[pooledDimensions[k]], out, offset);
        }
        clearContent();
    }

    /** Passes the gradient of {@link #addAll}'s output on to the rows it was made of. */
    void backwardAll(int[] items, float[] scales, float[] gradient, int offset) {
        for (int k = 0; k < items.length; k++) {
            ids.accumulate(items[k], gradient, offset, scales[k]);
            attributes.accumulateMean(itemAttributes[items[k]], gradient, offset, scales[k]);
        }
        sumContent(items, scales);
        for (int k = 0; k < pooledCount; k++) {
            content.accumulate(pooledDimensions[k], gradient, offset, pooledContent[pooledDimensions[k]]);
        }
        clearContent();
    }

    private void sumContent(int[] items, float[] scales) {
        for (int k = 0; k < items.length; k++) {
            int[] dimensions = contentDimensions[items[k]];
            for (int n = 0; n < dimensions.length; n++) {
                int j = dimensions[n];
                if (!pooled[j]) {
                    pooled[j] = true;
                    if (pooledCount == pooledDimensions.length) {
                        pooledDimensions = java.util.Arrays.copyOf(pooledDimensions, pooledCount * 2);
                    }
                    pooledDimensions[pooledCount++] = j;
                }
                pooledContent[j] += scales[k] * contentValues[items[k]][n];
            }
        }
    }

    private void clearContent() {
        for (int k = 0; k < pooledCount; k++) {
            pooledContent[pooledDimensions[k]] = 0;
            pooled[pooledDimensions[k]] = false;
        }
        pooledCount = 0;
    }

    /** Passes the gradient of {@code scale ×} the item's input on to the rows it was made of. */
    void backward(int item, boolean withId, float scale, float[] gradient, int offset) {
        if (withId) {
            ids.accumulate(item, gradient, offset, scale);
        }
        attributes.accumulateMean(itemAttributes[item], gradient, offset, scale);
        int[] dimensions = contentDimensions[item];
        for (int k = 0; k < dimensions.length; k++) {
            content.accumulate(dimensions[k], gradient, offset, scale * contentValues[item][k]);
        }
    }

    void step(double learningRate, long step) {
        ids.step(learningRate, step);
        attributes.step(learningRate, step);
        content.step(learningRate, step);
    }
}
