package io.sieve.graph;

import java.util.Arrays;

/**
 * Visits per item during one walk: an open-addressing map from item to count on primitive arrays.
 * It is the walk's inner loop (one increment per step, tens of thousands per request), where a
 * boxed map would allocate on every step.
 */
final class VisitCounter {
    private static final int EMPTY = OpenAddressing.EMPTY;
    private int[] keys;
    private int[] counts;
    private int size;

    VisitCounter(int expected) {
        int capacity = OpenAddressing.capacity(expected);
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        counts = new int[capacity];
    }

    /** Adds one visit to the item and returns its count. */
    int increment(int item) {
        int slot = OpenAddressing.slot(keys, item);
        if (keys[slot] == EMPTY) {
            if (2 * (size + 1) > keys.length) {
                grow();
                slot = OpenAddressing.slot(keys, item);
            }
            keys[slot] = item;
            size++;
        }
        return ++counts[slot];
    }

    int size() {
        return size;
    }

    /** Calls the action with each visited item and its count, in no particular order. */
    void forEach(Visit action) {
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != EMPTY) {
                action.accept(keys[s], counts[s]);
            }
        }
    }

    interface Visit {
        void accept(int item, int count);
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        counts = new int[keys.length];
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != EMPTY) {
                int t = OpenAddressing.slot(keys, oldKeys[s]);
                keys[t] = oldKeys[s];
                counts[t] = oldCounts[s];
            }
        }
    }
}
