package io.sieve.store;

import io.sieve.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What users did. An event is identified by (user, item, type, millisecond): storing an identical
 * event again keeps one, which makes re-imports idempotent. Timestamps are kept to the millisecond.
 * An append returns once a durable backend ({@link StoreProvider#durable}) has made it durable: for
 * the embedded store, synced to its write-ahead log.
 */
public interface EventLog {

    /** Appends events; storing an identical event again (same user, item, type, millisecond) keeps one, the last stored. */
    void appendEvents(List<Event> events);

    /** The user's most recent events, newest first, at most {@code limit}. */
    List<Event> history(String userId, int limit);

    /**
     * One page of the user's events older than {@code before} (to the millisecond; null: from the
     * newest), newest first: the {@code limit} newest, and any more that share the last one's
     * millisecond, so that a next page asked for before that millisecond skips none.
     */
    List<Event> historyPage(String userId, Instant before, int limit);

    /** Every event in timestamp order, oldest first; ties by user, item, then type. */
    void forEachEvent(Consumer<Event> action);

    /** {@link #forEachEvent}, only the events stamped after {@code after}: a backend that keeps them by time starts there. */
    default void forEachEventAfter(Instant after, Consumer<Event> action) {
        forEachEvent(e -> {
            if (e.timestamp().isAfter(after)) {
                action.accept(e);
            }
        });
    }

    /** Number of stored events; a backend may estimate it (RocksDB does, for large stores). */
    long eventCount();
}
