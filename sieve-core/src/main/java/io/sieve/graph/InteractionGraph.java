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
 * edge is that much older than the newest edge anywhere is dropped too.
 *
 * <p>Only the newest segment takes edges, into a growable list per node ({@link Adjacency}). When
 * it is full it is sealed: merged with the older sealed segments into one read-only table per side
 * ({@link SealedEdges}), so that a step reads a node's degree over all of them at once. Sealing
 * copies the held edges once (a pause of the writer, not of the walks, measured in BENCHMARKS.md);
 * a dropped segment's memory is reclaimed at the next sealing. An edge costs two ints (one per
 * direction) in the sealed table and about twice that in the open segment's lists, besides the ids
 * of the nodes themselves (BENCHMARKS.md gives the measured bytes per edge).
 *
 * <p>One writer at a time ({@link #add} is synchronized: events arrive in batches and adding an
 * edge is a few array writes); walks read without a lock (see {@link Adjacency}), each from the
 * layout (sealed tables and open segment) published when it started.
 */
public final class InteractionGraph {
    private final Limits limits;
    private final ConcurrentHashMap<String, Integer> userIndex = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> itemIndex = new ConcurrentHashMap<>();
    private volatile String[] itemIds = new String[64];
    private volatile int itemCount;
    private int userCount;
    /** Replaced whole when a segment is sealed or ages out. */
    private volatile Layout layout;
    private long newestMs = Long.MIN_VALUE;

    /**
     * The sealed segments, merged, and the open one.
     *
     * @param from     the oldest sealed segment still held: older ones have aged out and wait for the next sealing to be freed
     * @param newestMs per sealed segment, its newest edge's time
     * @param edges    per sealed segment, its edges
     */
    private record Layout(SealedEdges users, SealedEdges items, int from, long[] newestMs, int[] edges, Segment open) {
        int sealed() {
            return newestMs.length;
        }
    }

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
        this.layout = new Layout(SealedEdges.EMPTY, SealedEdges.EMPTY, 0, new long[0], new int[0], new Segment(limits.maxDegree()));
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
        Layout current = layout;
        if (current.open().edges() >= limits.segmentEdges()) {
            current = seal(current);
        }
        current.open().add(u, i, atMs);
        newestMs = Math.max(newestMs, atMs);
        layout = dropAged(current);
    }

    /** Merges the open segment into the sealed tables, keeping the newest segments - 1 sealed, and opens a new one. */
    private Layout seal(Layout current) {
        Segment full = current.open();
        int keep = Math.min(current.sealed() - current.from() + 1, limits.segments() - 1);
        if (keep <= 0) {
            return new Layout(SealedEdges.EMPTY, SealedEdges.EMPTY, 0, new long[0], new int[0], new Segment(limits.maxDegree()));
        }
        int from = current.sealed() + 1 - keep;
        long[] newest = Arrays.copyOfRange(current.newestMs(), from, current.sealed() + 1);
        newest[keep - 1] = full.newestMs();
        int[] edges = Arrays.copyOfRange(current.edges(), from, current.sealed() + 1);
        edges[keep - 1] = full.edges();
        return new Layout(current.users().plus(from, full.users), current.items().plus(from, full.items), 0, newest, edges,
                new Segment(limits.maxDegree()));
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

    private Layout dropAged(Layout current) {
        if (limits.maxAgeDays() <= 0) {
            return current;
        }
        long oldest = newestMs - (long) (limits.maxAgeDays() * 86_400_000L);
        int from = current.from();
        while (from < current.sealed() && current.newestMs()[from] < oldest) {
            from++;
        }
        return from == current.from() ? current
                : new Layout(current.users(), current.items(), from, current.newestMs(), current.edges(), current.open());
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
        Layout current = layout;
        long total = current.open().edges();
        for (int s = current.from(); s < current.sealed(); s++) {
            total += current.edges()[s];
        }
        return enabled() ? total : 0;
    }

    /** Bytes the segments hold (not the node ids): what {@code maxEdges} bounds. */
    public long edgeBytes() {
        Layout current = layout;
        return current.users().bytes() + current.items().bytes() + current.open().bytes();
    }

    /** What a walk reads: the segments as they are now; later edges may or may not be seen. */
    public View view() {
        return new View(layout, itemCount);
    }

    /**
     * A walk's fixed layout, and uniform sampling of a node's edges across its segments: the sealed
     * ones' edges first, oldest segment first, then the open one's, so a node's k-th edge is the
     * same whether or not its segment has been sealed since.
     */
    public static final class View {
        private final Layout layout;
        private final int items;

        private View(Layout layout, int items) {
            this.layout = layout;
            this.items = items;
        }

        /** Items that had an edge when the view was taken: no walk can find more. */
        public int items() {
            return items;
        }

        public int itemDegree(int item) {
            return layout.items().degree(item, layout.from()) + layout.open().items.degree(item);
        }

        /** A user who chose the item, uniformly among its edges; -1 if it has none. */
        public int randomUser(int item, SplittableRandom random) {
            return sample(item, random, false);
        }

        /** An item the user chose, uniformly among their edges; -1 if they have none. */
        public int randomItem(int user, SplittableRandom random) {
            return sample(user, random, true);
        }

        private int sample(int node, SplittableRandom random, boolean fromUser) {
            SealedEdges sealed = fromUser ? layout.users() : layout.items();
            Adjacency open = fromUser ? layout.open().users : layout.open().items;
            int inSealed = sealed.degree(node, layout.from());
            int total = inSealed + open.degree(node);
            if (total == 0) {
                return -1;
            }
            int k = random.nextInt(total);
            return k < inSealed ? sealed.neighbour(node, layout.from(), k) : open.neighbour(node, k - inSealed);
        }
    }
}
