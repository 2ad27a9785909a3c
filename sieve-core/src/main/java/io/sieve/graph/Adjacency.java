package io.sieve.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One side of one segment: for each node (a user, or an item), the nodes on the other side it has
 * an edge to, at most {@code cap} of them, the latest kept (a ring once full).
 *
 * <p>One writer (the graph holds its lock) and any number of readers without a lock: an element is
 * written before the count that covers it is released, lists only grow by copying, and a reader
 * reads the count before the list, so what it reads is always an edge that was added.
 */
final class Adjacency {
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle LIST = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final int FIRST_LIST = 4;

    private final int cap;
    /** Per node, how many edges were ever added: the ring's next position, modulo the cap. */
    private volatile int[] added = new int[64];
    private volatile int[][] lists = new int[64][];

    Adjacency(int cap) {
        this.cap = cap;
    }

    /** Writer only. */
    void add(int node, int other) {
        if (node >= added.length) {
            int size = Math.max(node + 1, added.length + (added.length >> 1));
            // Lists first: a reader that sees the new counts must see the lists they count.
            lists = Arrays.copyOf(lists, size);
            added = Arrays.copyOf(added, size);
        }
        int[][] ls = lists;
        int[] counts = added;
        int n = counts[node];
        int[] list = ls[node];
        if (n < cap && (list == null || n == list.length)) {
            int[] grown = Arrays.copyOf(list == null ? new int[0] : list, Math.min(cap, Math.max(FIRST_LIST, n * 2)));
            grown[n] = other;
            LIST.setRelease(ls, node, grown);
        } else {
            list[n % cap] = other;
        }
        COUNT.setRelease(counts, node, n + 1);
    }

    /** Nodes that may have edges here: node numbers run below this. */
    int nodes() {
        return added.length;
    }

    /** Edges of the node held here. */
    int degree(int node) {
        int[] counts = added;
        return node < counts.length ? Math.min((int) COUNT.getAcquire(counts, node), cap) : 0;
    }

    /** The node's {@code k}-th edge, {@code k < degree(node)}; -1 if the node is not held here. */
    int neighbour(int node, int k) {
        int[] counts = added;
        if (node >= counts.length) {
            return -1;
        }
        int n = Math.min((int) COUNT.getAcquire(counts, node), cap);
        int[][] ls = lists;
        int[] list = node < ls.length ? (int[]) LIST.getAcquire(ls, node) : null;
        return list == null || k >= Math.min(n, list.length) ? -1 : list[k];
    }

    /** Bytes held, arrays' headers included: for the documented cost per edge. */
    long bytes() {
        long total = 16L + 4L * added.length + 16L + 4L * lists.length;
        for (int[] list : lists) {
            if (list != null) {
                total += 16L + 4L * list.length;
            }
        }
        return total;
    }
}
