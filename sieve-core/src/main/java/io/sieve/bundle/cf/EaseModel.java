package io.sieve.bundle.cf;


/**
 * A trained EASE model over a subset of the catalog.
 *
 * @param items   bundle item index of each model row
 * @param local   model row of each bundle item index, or -1 when the item is outside the model
 * @param weights row-major n × n item-to-item weights B
 */
public record EaseModel(int[] items, int[] local, float[] weights) {

    public int size() {
        return items.length;
    }

    /** The model row of a bundle item index, or -1. */
    public int rowOf(int bundleIndex) {
        return bundleIndex >= 0 && bundleIndex < local.length ? local[bundleIndex] : -1;
    }

    /** scores[j] += strength * B[row][j] for every model column j. */
    public void accumulate(int row, float strength, float[] scores) {
        int n = items.length;
        DenseMath.axpy(strength, weights, row * n, scores, 0, n);
    }
}
