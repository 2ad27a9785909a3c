package io.sieve.bundle;

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
}
