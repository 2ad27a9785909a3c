package io.sieve.graph;

import java.util.Arrays;

/**
 * Visits per item during one walk: an open-addressing map from item to count on primitive arrays.
 * It is the walk's inner loop (one increment per step, tens of thousands per request), where a
 * boxed map would allocate on every step. One counter serves every anchor of a request: it
 * remembers the slots it filled, so clearing and visiting cost the items visited, not the table
 * (a fresh table per anchor was 15% of a request in a profile, zeroing memory).
 */
final class VisitCounter {
    private static final int EMPTY = OpenAddressing.EMPTY;
    private int[] keys;
    private int[] counts;
    /** The filled slots, in the order they were filled. */
    private int[] filled;
    private int size;

    VisitCounter(int expected) {
        int capacity = OpenAddressing.capacity(expected);
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        counts = new int[capacity];
        filled = new int[capacity / 2];
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
            filled[size++] = slot;
        }
        return ++counts[slot];
    }

    int size() {
        return size;
    }

    /** Forgets every visit, keeping the table. */
    void clear() {
        for (int i = 0; i < size; i++) {
            keys[filled[i]] = EMPTY;
            counts[filled[i]] = 0;
        }
        size = 0;
    }

    /** Calls the action with each visited item and its count, in the order they were first visited. */
    void forEach(Visit action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[filled[i]], counts[filled[i]]);
        }
    }

    interface Visit {
        void accept(int item, int count);
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        int[] oldFilled = filled;
        keys = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        counts = new int[keys.length];
        filled = new int[keys.length / 2];
        for (int i = 0; i < size; i++) {
            int s = oldFilled[i];
            int t = OpenAddressing.slot(keys, oldKeys[s]);
            keys[t] = oldKeys[s];
            counts[t] = oldCounts[s];
            filled[i] = t;
        }
    }
}
