package io.sieve.feature;

import io.sieve.model.Event;
import io.sieve.model.IdNumbers;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * What item statistics read of each event (user, item, type, value, millisecond, whether it
 * answered a logged request; the user for the interaction graph), in the order added, packed into
 * columns: 26 bytes an event where a list of
 * {@link Event}s costs a few hundred, so that replaying a 30M-event log point in time needs
 * hundreds of megabytes, not the log's size in objects.
 */
public final class EventTrail {
    private final IdNumbers userNumbers = new IdNumbers();
    private final IdNumbers itemNumbers = new IdNumbers();
    private final IdNumbers typeNumbers = new IdNumbers();
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private short[] types = new short[1024];
    private long[] times = new long[1024];
    private double[] values = new double[1024];
    private final BitSet responses = new BitSet();
    private int size;

    /** The events {@code source} hands over, in its order (a store's {@code forEachEvent}: time order). */
    public static EventTrail of(Consumer<Consumer<Event>> source) {
        EventTrail trail = new EventTrail();
        source.accept(trail::add);
        return trail;
    }

    public void add(Event e) {
        if (size == items.length) {
            int grown = size + (size >> 1);
            users = Arrays.copyOf(users, grown);
            items = Arrays.copyOf(items, grown);
            types = Arrays.copyOf(types, grown);
            times = Arrays.copyOf(times, grown);
            values = Arrays.copyOf(values, grown);
        }
        users[size] = userNumbers.of(e.user());
        items[size] = itemNumbers.of(e.item());
        types[size] = (short) typeNumbers.of(e.type());
        times[size] = e.timestamp().toEpochMilli();
        values[size] = e.value() == null ? Double.NaN : e.value();
        responses.set(size, e.requestId() != null);
        size++;
    }

    public int size() {
        return size;
    }

    /** The epoch millisecond of event {@code i}. */
    public long millis(int i) {
        return times[i];
    }

    /** Applies event {@code i} to {@code statistics}, as {@link ItemStatistics#apply(Event)} would the event itself. */
    void applyTo(ItemStatistics statistics, int i) {
        double v = values[i];
        statistics.apply(userNumbers.id(users[i]), itemNumbers.id(items[i]), typeNumbers.id(types[i]), Double.isNaN(v) ? null : v,
                times[i], responses.get(i));
    }
}
