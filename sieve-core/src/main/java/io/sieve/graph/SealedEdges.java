package io.sieve.graph;

/**
 * One side (user to items, or item to users) of the sealed segments, merged into one read-only
 * table: node {@code n}'s edges of segment {@code s} are {@code targets[starts[n·S + s] ..
 * starts[n·S + s + 1])}, segments oldest first. A walk's step needs a node's degree over every
 * segment: here that is one subtraction within one cache line, where separate segments cost a
 * memory read each, and the edges themselves lie in one array rather than a list per node per
 * segment. It costs 4 bytes an edge plus 4 a node per segment.
 */
final class SealedEdges {
    static final SealedEdges EMPTY = new SealedEdges(0, 0, new int[1], new int[0]);

    private final int segments;
    private final int nodes;
    private final int[] starts;
    private final int[] targets;

    private SealedEdges(int segments, int nodes, int[] starts, int[] targets) {
        this.segments = segments;
        this.nodes = nodes;
        this.starts = starts;
        this.targets = targets;
    }

    int segments() {
        return segments;
    }

    /** The node's edges in segments {@code from} and newer. */
    int degree(int node, int from) {
        return node < nodes ? starts[(node + 1) * segments] - starts[node * segments + from] : 0;
    }

    /** The node's {@code k}-th edge in segments {@code from} and newer, {@code k < degree(node, from)}. */
    int neighbour(int node, int from, int k) {
        return targets[starts[node * segments + from] + k];
    }

    /** A new table: this one's segments from {@code from} on, then the sealed side as the newest. */
    SealedEdges plus(int from, Adjacency sealed) {
        int kept = segments - from;
        int width = kept + 1;
        int size = Math.max(nodes, sealed.nodes());
        int[] newStarts = new int[size * width + 1];
        int at = 0;
        for (int node = 0; node < size; node++) {
            for (int s = 0; s < kept; s++) {
                newStarts[node * width + s] = at;
                at += node < nodes ? starts[node * segments + from + s + 1] - starts[node * segments + from + s] : 0;
            }
            newStarts[node * width + kept] = at;
            at += sealed.degree(node);
        }
        newStarts[size * width] = at;
        int[] newTargets = new int[at];
        for (int node = 0; node < size; node++) {
            int to = newStarts[node * width];
            if (node < nodes) {
                int start = starts[node * segments + from];
                int end = starts[(node + 1) * segments];
                System.arraycopy(targets, start, newTargets, to, end - start);
                to += end - start;
            }
            for (int k = 0, degree = sealed.degree(node); k < degree; k++) {
                newTargets[to++] = sealed.neighbour(node, k);
            }
        }
        return new SealedEdges(width, size, newStarts, newTargets);
    }

    /** Bytes held, arrays' headers included. */
    long bytes() {
        return 32L + 4L * starts.length + 4L * targets.length;
    }
}
