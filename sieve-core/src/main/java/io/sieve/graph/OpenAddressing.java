package io.sieve.graph;

/** Linear probing over an int key array, shared by the walk's per-item tables. */
final class OpenAddressing {
    static final int EMPTY = -1;

    private OpenAddressing() {
    }

    /** A power of two at least twice {@code expected}, so the table starts at most half full. */
    static int capacity(int expected) {
        return Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    }

    /** The item's slot, or the empty slot where it would go. */
    static int slot(int[] keys, int item) {
        int mask = keys.length - 1;
        int h = item * 0x9E3779B9;
        int s = (h ^ (h >>> 16)) & mask;
        while (keys[s] != EMPTY && keys[s] != item) {
            s = (s + 1) & mask;
        }
        return s;
    }
}
