package io.sieve.train.cf;

/**
 * What a tower reads of an item: its id's embedding plus the mean embedding of its categories and
 * tags. An item's id embedding can be left out (dropped in training, or never trained), and then
 * its attributes alone place it: that is how an item nobody has chosen is placed.
 */
final class TowerInputs {
    final EmbeddingTable ids;
    final EmbeddingTable attributes;
    private final int[][] itemAttributes;

    /** @param scale the standard deviation of the starting values */
    TowerInputs(int items, int[][] itemAttributes, int attributeCount, int dim, double scale, long seed) {
        this.itemAttributes = itemAttributes;
        ids = new EmbeddingTable(items, dim, scale, seed);
        attributes = new EmbeddingTable(attributeCount, dim, scale, seed + 1);
    }

    /** Adds {@code scale ×} the item's input to {@code out[offset ..]}; false when it has none (no id, no attributes). */
    boolean add(int item, boolean withId, float scale, float[] out, int offset) {
        if (withId) {
            ids.add(item, scale, out, offset);
        }
        attributes.addMean(itemAttributes[item], scale, out, offset);
        return withId || itemAttributes[item].length > 0;
    }

    /** Passes the gradient of {@code scale ×} the item's input on to the rows it was made of. */
    void backward(int item, boolean withId, float scale, float[] gradient, int offset) {
        if (withId) {
            ids.accumulate(item, gradient, offset, scale);
        }
        attributes.accumulateMean(itemAttributes[item], gradient, offset, scale);
    }

    void step(double learningRate, long step) {
        ids.step(learningRate, step);
        attributes.step(learningRate, step);
    }
}
