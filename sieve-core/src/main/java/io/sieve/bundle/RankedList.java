package io.sieve.bundle;

import io.sieve.ann.TopK;

/** Item indexes ordered by descending score (popularity, trending, a segment's favourites). */
public record RankedList(int[] items, float[] scores) {
    public static final RankedList EMPTY = new RankedList(new int[0], new float[0]);

    public RankedList {
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items and scores differ in length");
        }
    }

    public int size() {
        return items.length;
    }

    /** The {@code k} best positive scores of a dense array (index = item), ties by index. */
    public static RankedList top(double[] scores, int k) {
        int[] items = TopK.positive(scores, k);
        float[] values = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = (float) scores[items[i]];
        }
        return new RankedList(items, values);
    }
}
