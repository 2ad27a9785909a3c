package io.sieve.bundle;

/**
 * For each item index, its neighbours by descending similarity, stored compressed-row style:
 * the neighbours of item i are {@code neighbours[offsets[i] .. offsets[i+1])}.
 */
public record NeighbourTable(int[] offsets, int[] neighbours, float[] scores) {
    public static NeighbourTable empty(int items) {
        return new NeighbourTable(new int[items + 1], new int[0], new float[0]);
    }

    public int start(int item) {
        return item + 1 < offsets.length ? offsets[item] : 0;
    }

    public int end(int item) {
        return item + 1 < offsets.length ? offsets[item + 1] : 0;
    }

    public int neighbour(int position) {
        return neighbours[position];
    }

    public float score(int position) {
        return scores[position];
    }
}
