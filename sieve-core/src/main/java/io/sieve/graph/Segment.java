package io.sieve.graph;

/**
 * The edges added over one stretch of time, both ways: user to items and item to users. Only the
 * newest segment is written; older ones are read until they age out whole.
 */
final class Segment {
    final Adjacency users;
    final Adjacency items;
    private volatile int edges;
    private volatile long newestMs = Long.MIN_VALUE;

    Segment(int maxDegree) {
        users = new Adjacency(maxDegree);
        items = new Adjacency(maxDegree);
    }

    /** Writer only. */
    void add(int user, int item, long atMs) {
        users.add(user, item);
        items.add(item, user);
        edges++;
        newestMs = Math.max(newestMs, atMs);
    }

    int edges() {
        return edges;
    }

    long newestMs() {
        return newestMs;
    }

    long bytes() {
        return users.bytes() + items.bytes();
    }
}
