package io.sieve.feature;

import io.sieve.config.SieveConfig;
import io.sieve.graph.InteractionGraph;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.Impression;
import io.sieve.store.Store;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;


/**
 * The feature store's mutable state: decayed per-item counters of positive events, negative
 * events, conversions and impressions, and the mean value (e.g. rating) given to each item.
 * The server applies each event as it is accepted and each impression as it is logged; training
 * replays the same stream up to a request's time ({@link StatisticsReplay}). User features need no
 * state here: they are computed from the user's history, which the store keeps anyway. Beside
 * the counters it keeps the graph of recent positive interactions ({@link InteractionGraph}) that
 * the graph source walks, so that every path an event takes into the counters (the server's own
 * events, other replicas', a replay to a request's moment) reaches the graph too.
 *
 * <p>Memory: about 300 bytes per item with three half-lives (see {@link ItemCounters}); nothing per
 * user; the graph's edges are bounded by {@code features.graph}.
 */
public final class ItemStatistics {
    private static final double DAY_MS = 86_400_000.0;

    private final EventTypes types;
    private final Set<String> conversionTypes;
    private final double[] halfLivesMs;
    private final ConcurrentHashMap<String, ItemCounters> items = new ConcurrentHashMap<>();
    private final DoubleAdder valueSum = new DoubleAdder();
    private final DoubleAdder valueCount = new DoubleAdder();
    /** Time of the newest event applied: the data's own clock (see {@link #clock}). */
    private final AtomicLong newestEventMs = new AtomicLong(Long.MIN_VALUE);
    /** By the wall clock, unlike the events' own times: what freshness monitoring asks is whether counting has stopped. */
    private volatile long appliedAtMs = System.currentTimeMillis();
    private final InteractionGraph graph;

    /** @param halfLivesDays half-lives of the decayed counters; an all-time counter is added after them */
    public ItemStatistics(EventTypes types, List<Double> halfLivesDays, List<String> conversionTypes, InteractionGraph graph) {
        this.types = types;
        this.graph = graph;
        this.conversionTypes = Set.copyOf(conversionTypes);
        this.halfLivesMs = new double[halfLivesDays.size() + 1];
        for (int i = 0; i < halfLivesDays.size(); i++) {
            halfLivesMs[i] = halfLivesDays.get(i) * DAY_MS;
        }
        halfLivesMs[halfLivesDays.size()] = Double.POSITIVE_INFINITY;
    }

    /** Empty statistics with the configured half-lives. */
    public static ItemStatistics of(SieveConfig config) {
        return of(config, config.retrieval().sources().values().stream().anyMatch(s -> s.enabled() && "graph".equals(s.type())));
    }

    /**
     * Empty statistics, with the configured graph or with none: the graph is kept only when a source
     * walks it (its memory and the replay's time are not spent otherwise), and a snapshot holds
     * counters only.
     */
    static ItemStatistics of(SieveConfig config, boolean withGraph) {
        var g = config.features().graph();
        var graph = new InteractionGraph(new InteractionGraph.Limits(g.maxDegree(), g.segmentEdges(), withGraph ? g.segments() : 0,
                g.maxAgeDays()));
        return new ItemStatistics(config.types(), config.features().halfLivesDays(), config.features().conversionTypes(), graph);
    }

    /** The graph of recent positive interactions, kept up to date with the counters. */
    public InteractionGraph graph() {
        return graph;
    }

    /**
     * Adds the store's positive events stamped up to {@code until} to the graph alone: a server
     * starting from a snapshot of the counters still needs the edges from before it.
     */
    void addToGraph(Store store, Instant until) {
        if (graph.enabled()) {
            store.forEachEvent(e -> {
                if (!e.timestamp().isAfter(until) && types.weightOf(e) > 0) {
                    graph.add(e.user(), e.item(), e.timestamp().toEpochMilli());
                }
            });
        }
    }

    /**
     * Statistics of everything in the store: what a server starting up needs before it applies new
     * events as they come. Costs one pass over the events and impressions.
     */
    public static ItemStatistics replayed(SieveConfig config, Store store) {
        ItemStatistics statistics = of(config);
        statistics.replay(store, null, null);
        return statistics;
    }

    /**
     * Applies the store's events and impressions stamped after {@code after} and up to {@code until}
     * (null: no bound), in time order.
     */
    void replay(Store store, Instant after, Instant until) {
        replay(store, after, until, slates(store, after, until));
    }

    /**
     * The store's impressions stamped after {@code after} and up to {@code until} (null: no bound),
     * oldest first, as the statistics read them: held while the events stream by, and a logged
     * impression carries every shown item's features, in a store that gains one per request.
     */
    static List<Slate> slates(Store store, Instant after, Instant until) {
        List<Slate> slates = new java.util.ArrayList<>();
        Consumer<Impression> keep = i -> {
            if (until == null || !i.timestamp().isAfter(until)) {
                slates.add(Slate.of(i));
            }
        };
        if (after == null) {
            store.forEachImpression(keep);
        } else {
            store.forEachImpressionAfter(after, keep);
        }
        return slates;
    }

    /** Applies the store's events stamped in ({@code after}, {@code until}] and {@code slates} (oldest first), in time order. */
    void replay(Store store, Instant after, Instant until, List<Slate> slates) {
        int[] next = {0};
        Consumer<Event> apply = e -> {
            if (until != null && e.timestamp().isAfter(until)) {
                return;
            }
            while (next[0] < slates.size() && slates.get(next[0]).timestamp().isBefore(e.timestamp())) {
                apply(slates.get(next[0]++));
            }
            apply(e);
        };
        if (after == null) {
            store.forEachEvent(apply);
        } else {
            store.forEachEventAfter(after, apply);
        }
        slates.subList(next[0], slates.size()).forEach(this::apply);
    }

    /**
     * The moment features are computed at: the time of the newest event applied, never later than
     * {@code wall}; {@code wall} itself before any event. A live store's newest event is seconds
     * old, so this is the wall clock in practice; a log imported from the past keeps its own
     * clock, so time windows ("positive events in the last 7 days") and ages read the same at
     * serving as they did when training replayed that log, however long ago it was recorded.
     */
    public Instant clock(Instant wall) {
        long newest = newestEventMs.get();
        return newest == Long.MIN_VALUE || newest > wall.toEpochMilli() ? wall : Instant.ofEpochMilli(newest);
    }

    /** When, by the wall clock, the counters last applied an event (or were made, before any). */
    public Instant appliedAt() {
        return Instant.ofEpochMilli(appliedAtMs);
    }

    /** Half-lives in days, the all-time counter last (as infinity). */
    public int windows() {
        return halfLivesMs.length;
    }

    public void apply(Event e) {
        apply(e.user(), e.item(), e.type(), e.value(), e.timestamp().toEpochMilli(), e.requestId() != null);
    }

    /** What {@link #apply(Event)} reads of an event: {@code response} when it carries a logged request's id. */
    void apply(String user, String item, String type, Double value, long at, boolean response) {
        double weight = types.get(type).weightOf(value);
        newestEventMs.accumulateAndGet(at, Math::max);
        appliedAtMs = System.currentTimeMillis();
        ItemCounters c = counters(item);
        if (weight > 0) {
            graph.add(user, item, at);
            c.add(ItemCounters.POSITIVE, weight, at);
            if (response) {
                c.add(ItemCounters.RESPONSE, 1, at);
            }
        } else if (weight < 0) {
            c.add(ItemCounters.NEGATIVE, -weight, at);
        }
        if (conversionTypes.contains(type)) {
            c.add(ItemCounters.CONVERSION, 1, at);
        }
        if (value != null) {
            c.addValue(value);
            valueSum.add(value);
            valueCount.add(1);
        }
    }

    public void apply(Impression impression) {
        apply(Slate.of(impression));
    }

    /** What the statistics read of a logged impression: when, and which items. */
    record Slate(Instant timestamp, String[] items) {
        static Slate of(Impression impression) {
            return new Slate(impression.timestamp(), impression.items().stream().map(Impression.Shown::item).toArray(String[]::new));
        }

        void writeTo(DataOutput out) throws IOException {
            out.writeLong(timestamp.toEpochMilli());
            out.writeInt(items.length);
            for (String item : items) {
                out.writeUTF(item);
            }
        }

        static Slate readFrom(DataInput in) throws IOException {
            Instant at = Instant.ofEpochMilli(in.readLong());
            String[] items = new String[in.readInt()];
            for (int i = 0; i < items.length; i++) {
                items[i] = in.readUTF();
            }
            return new Slate(at, items);
        }
    }

    private void apply(Slate slate) {
        // Counted on the data's clock: an impression stamped later than the newest event must not
        // decay the item's windows past the moment features are read at.
        long newest = newestEventMs.get();
        long at = newest == Long.MIN_VALUE ? slate.timestamp().toEpochMilli()
                : Math.min(newest, slate.timestamp().toEpochMilli());
        for (String item : slate.items()) {
            counters(item).add(ItemCounters.IMPRESSION, 1, at);
        }
    }

    /** How often the item has been shown, all time. */
    public double shown(String item) {
        ItemCounters c = items.get(item);
        return c == null ? 0 : c.count(ItemCounters.IMPRESSION, halfLivesMs.length - 1, Long.MAX_VALUE);
    }

    /** Positive events on the item, all time (clicks and more: every type with a positive weight). */
    public double engaged(String item) {
        ItemCounters c = items.get(item);
        return c == null ? 0 : c.count(ItemCounters.POSITIVE, halfLivesMs.length - 1, Long.MAX_VALUE);
    }

    /**
     * Positive events on the item that answered a served slate (they carry its request id), all
     * time: with {@link #shown}, the item's observed response rate. Positive events in general
     * ({@link #engaged}) include the history from before any slate, so they overstate it.
     */
    public double responded(String item) {
        ItemCounters c = items.get(item);
        return c == null ? 0 : c.count(ItemCounters.RESPONSE, halfLivesMs.length - 1, Long.MAX_VALUE);
    }

    /** The item's counters, or null when nothing has happened to it yet. */
    ItemCounters get(String item) {
        return items.get(item);
    }

    /** Mean of every value given to any item: the prior that item means are shrunk towards. */
    double globalMeanValue() {
        double n = valueCount.sum();
        return n == 0 ? Double.NaN : valueSum.sum() / n;
    }

    public int size() {
        return items.size();
    }

    /** Every item's counters and the global sums, for {@link StatisticsSnapshot}. */
    void writeTo(DataOutput out) throws IOException {
        out.writeLong(newestEventMs.get());
        out.writeDouble(valueSum.sum());
        out.writeDouble(valueCount.sum());
        out.writeInt(items.size());
        for (Map.Entry<String, ItemCounters> e : items.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().writeTo(out);
        }
    }

    /** Adds what {@link #writeTo} wrote to these (empty) statistics. */
    void readFrom(DataInput in) throws IOException {
        newestEventMs.accumulateAndGet(in.readLong(), Math::max);
        valueSum.add(in.readDouble());
        valueCount.add(in.readDouble());
        for (int n = in.readInt(); n > 0; n--) {
            String item = in.readUTF();
            items.put(item, ItemCounters.readFrom(in, halfLivesMs));
        }
    }

    private ItemCounters counters(String item) {
        return items.computeIfAbsent(item, k -> new ItemCounters(halfLivesMs));
    }
}
