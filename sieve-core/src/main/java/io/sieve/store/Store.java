package io.sieve.store;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Items, users, events and the impression log. Every write method except {@link #logImpressions}
 * returns only once the data is durable (for the embedded store: synced to the write-ahead log),
 * so an acknowledged write survives a crash.
 */
public interface Store extends AutoCloseable {

    void putItems(List<Item> items);

    Optional<Item> item(String id);

    /** Removes the item; its events stay, as history of what users did. */
    boolean deleteItem(String id);

    /** Every item, in id order. */
    void forEachItem(Consumer<Item> action);

    long itemCount();

    /** Ids of the most recently created items (by {@code createdAt}), newest first; items without one are left out. */
    List<String> newestItems(int limit);

    void putUsers(List<User> users);

    Optional<User> user(String id);

    /** Removes the user and every event of theirs. */
    boolean deleteUser(String id);

    void forEachUser(Consumer<User> action);

    /** Appends events; storing an identical event again (same user, item, type, millisecond) keeps one. */
    void appendEvents(List<Event> events);

    /** The user's most recent events, newest first, at most {@code limit}. */
    List<Event> history(String userId, int limit);

    /** Every event in timestamp order, oldest first. */
    void forEachEvent(Consumer<Event> action);

    /** Number of stored events; exact for the in-memory store, an estimate for large embedded stores. */
    long eventCount();

    /**
     * Appends served slates; logging the same request id again replaces it. Impressions are a log
     * for training, written without waiting for a sync (unlike events), because losing the last
     * few on a crash costs a little training data, not an accepted user write.
     *
     * <p>Impressions are identified by timestamp (to the millisecond) and request id. A request id
     * is served once, at one moment, so a replacement carries the same timestamp; logging the
     * same request id with another timestamp keeps both.
     */
    void logImpressions(List<Impression> impressions);

    /** Every logged impression in timestamp order, oldest first; ties by request id. */
    void forEachImpression(Consumer<Impression> action);

    /** Number of logged impressions; exact for the in-memory store, an estimate for large embedded stores. */
    long impressionCount();

    @Override
    void close();
}
