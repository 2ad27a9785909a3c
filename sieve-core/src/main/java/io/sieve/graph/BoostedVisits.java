package io.sieve.graph;

import java.util.Arrays;

/**
 * The items a multi-anchor walk visited: per item, the sum over anchors of sqrt(visits), whose
 * square is its score, and the anchor that contributed most (the reason a person recognises).
 * Open addressing on primitive arrays, like {@link VisitCounter}.
 */
public final class BoostedVisits {
    private static final int EMPTY = OpenAddressing.EMPTY;
    private int[] keys;
    private double[] sums;
    private double[] best;
    private int[] bestAnchor;
    private int size;

    BoostedVisits(int expected) {
        allocate(OpenAddressing.capacity(expected));
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        sums = new double[capacity];
        best = new double[capacity];
        bestAnchor = new int[capacity];
    }

    void add(int item, double contribution, int anchor) {
        int s = slot(item);
        if (keys[s] == EMPTY) {
            if (2 * (size + 1) > keys.length) {
                grow();
                s = slot(item);
            }
            keys[s] = item;
            size++;
        }
        sums[s] += contribution;
        if (contribution > best[s]) {
            best[s] = contribution;
            bestAnchor[s] = anchor;
        }
    }

    public int size() {
        return size;
    }

    /** Calls the action with each visited item, its score and its strongest anchor's position in the walk's list. */
    public void forEach(Visit action) {
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != EMPTY) {
                action.accept(keys[s], sums[s] * sums[s], bestAnchor[s]);
            }
        }
    }

    /** The visited item's strongest anchor, its position in the walk's list. */
    public int strongestAnchor(int item) {
        return bestAnchor[slot(item)];
    }

    public interface Visit {
        void accept(int item, double score, int anchor);
    }

    private int slot(int item) {
        return OpenAddressing.slot(keys, item);
    }

    private void grow() {
        int[] oldKeys = keys;
        double[] oldSums = sums;
        double[] oldBest = best;
        int[] oldAnchor = bestAnchor;
        allocate(oldKeys.length * 2);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != EMPTY) {
                int t = slot(oldKeys[s]);
                keys[t] = oldKeys[s];
                sums[t] = oldSums[s];
                best[t] = oldBest[s];
                bestAnchor[t] = oldAnchor[s];
            }
        }
    }
}
