package io.sieve.graph;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bipartite graph of recent positive interactions, users on one side and items on the other,
 * kept in memory and updated from each accepted event, for random walks at request time
 * ({@link PixieWalk}), as GraphJet and Pixie keep theirs.
 *
 * <p>Memory is bounded three ways. Edges go into time-ordered segments of {@code segmentEdges}
 * each; past {@code segments} of them the oldest is dropped whole, so at most
 * {@code segments x segmentEdges} edges are held. Within a segment a node keeps its latest
 * {@code maxDegree} edges (a popular item's thousands of fans would otherwise dominate both the
 * memory and every walk that reaches it). With {@code maxAgeDays > 0}, a segment whose newest
 * edge is that much older than the newest edge anywhere is dropped too. An edge costs two ints
 * (one per direction) plus its share of the lists' growth and headers: 16.5 bytes measured on 10M
 * edges in 4 segments, 26.4 in 10 (BENCHMARKS.md), besides the ids of the nodes themselves.
 *
 * <p>One writer at a time ({@link #add} is synchronized: events arrive in batches and adding an
 * edge is a few array writes); walks read without a lock (see {@link Adjacency}).
 */
public final class InteractionGraph {
    private final Limits limits;
    private final ConcurrentHashMap<String, Integer> userIndex = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> itemIndex = new ConcurrentHashMap<>();
    private volatile String[] itemIds = new String[64];
    private volatile int itemCount;
    private int userCount;
    /** Oldest first; the last one takes new edges. Replaced whole when a segment opens or ages out. */
    private volatile Segment[] segments;
    private long newestMs = Long.MIN_VALUE;

    /**
     * @param maxDegree    edges a node keeps per segment, its latest
     * @param segmentEdges edges per segment
     * @param segments     segments held; 0 keeps no graph at all
     * @param maxAgeDays   segments whose newest edge is older than this (by the data's clock) are dropped; 0: no limit
     */
    public record Limits(int maxDegree, int segmentEdges, int segments, double maxAgeDays) {
        public long maxEdges() {
            return (long) segmentEdges * segments;
        }
    }

    public InteractionGraph(Limits limits) {
        this.limits = limits;
        this.segments = limits.segments() > 0 ? new Segment[] {new Segment(limits.maxDegree())} : new Segment[0];
    }

    /** Whether it holds anything at all: with no segments configured, it ignores every edge. */
    public boolean enabled() {
        return limits.segments() > 0;
    }

    /** Adds the edge of a positive interaction between the user and the item, at the event's time. */
    public synchronized void add(String user, String item, long atMs) {
        if (!enabled()) {
            return;
        }
        int u = userIndex.computeIfAbsent(user, k -> userCount++);
        int i = itemIndex.computeIfAbsent(item, this::newItem);
        Segment[] current = segments;
        Segment open = current[current.length - 1];
        if (open.edges() >= limits.segmentEdges()) {
            current = Arrays.copyOfRange(current, current.length >= limits.segments() ? 1 : 0, current.length + 1);
            open = new Segment(limits.maxDegree());
            current[current.length - 1] = open;
        }
        open.add(u, i, atMs);
        newestMs = Math.max(newestMs, atMs);
        segments = dropAged(current);
    }

    private int newItem(String id) {
        int index = itemCount;
        if (index >= itemIds.length) {
            itemIds = Arrays.copyOf(itemIds, itemIds.length * 2);
        }
        itemIds[index] = id;
        itemCount = index + 1;
        return index;
    }

    private Segment[] dropAged(Segment[] current) {
        if (limits.maxAgeDays() <= 0) {
            return current;
        }
        long oldest = newestMs - (long) (limits.maxAgeDays() * 86_400_000L);
        int from = 0;
        while (from < current.length - 1 && current[from].newestMs() < oldest) {
            from++;
        }
        return from == 0 ? current : Arrays.copyOfRange(current, from, current.length);
    }

    /** The item's node, -1 if no edge has reached it. */
    public int item(String id) {
        Integer index = itemIndex.get(id);
        return index == null ? -1 : index;
    }

    /** The user's node, -1 if the user has no edge. */
    public int user(String id) {
        Integer index = userIndex.get(id);
        return index == null ? -1 : index;
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    /** Items that have had an edge: node numbers run below this. */
    public int items() {
        return itemCount;
    }

    /** Edges held now. */
    public long edges() {
        long total = 0;
        for (Segment s : segments) {
            total += s.edges();
        }
        return total;
    }

    /** Bytes the segments hold (not the node ids): what {@code maxEdges} bounds. */
    public long edgeBytes() {
        long total = 0;
        for (Segment s : segments) {
            total += s.bytes();
        }
        return total;
    }

    /** What a walk reads: the segments as they are now; later edges may or may not be seen. */
    public View view() {
        return new View(segments, itemCount);
    }

    /** A walk's fixed set of segments, and uniform sampling of a node's edges across them. */
    public static final class View {
        private final Segment[] segments;
        private final int[] degrees;
        private final int items;

        private View(Segment[] segments, int items) {
            this.segments = segments;
            this.degrees = new int[segments.length];
            this.items = items;
        }

        /** Items that had an edge when the view was taken: no walk can find more. */
        public int items() {
            return items;
        }

        public int itemDegree(int item) {
            int total = 0;
            for (Segment s : segments) {
                total += s.items.degree(item);
            }
            return total;
        }

        /** A user who chose the item, uniformly among its edges; -1 if it has none. Not thread-safe. */
        public int randomUser(int item, SplittableRandom random) {
            return sample(item, random, false);
        }

        /** An item the user chose, uniformly among their edges; -1 if they have none. Not thread-safe. */
        public int randomItem(int user, SplittableRandom random) {
            return sample(user, random, true);
        }

        private int sample(int node, SplittableRandom random, boolean fromUser) {
            int total = 0;
            for (int s = 0; s < segments.length; s++) {
                degrees[s] = (fromUser ? segments[s].users : segments[s].items).degree(node);
                total += degrees[s];
            }
            if (total == 0) {
                return -1;
            }
            int k = random.nextInt(total);
            for (int s = 0; s < segments.length; s++) {
                if (k < degrees[s]) {
                    return (fromUser ? segments[s].users : segments[s].items).neighbour(node, k);
                }
                k -= degrees[s];
            }
            return -1;
        }
    }
}
