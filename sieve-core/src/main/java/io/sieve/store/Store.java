package io.sieve.store;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.time.Instant;
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

    /**
     * Removes the user, every event of theirs and every impression of theirs: from the per-user
     * index that {@link #recentImpressions} reads and from the impression log itself, so a deleted
     * user's slates are no longer trained on either. The embedded store finds a user's impressions
     * through that index, so impressions logged into a store written before the index existed
     * (which it never held) stay in the log.
     *
     * @return whether there was anything of the user's to remove
     */
    boolean deleteUser(String id);

    void forEachUser(Consumer<User> action);

    /** Appends events; storing an identical event again (same user, item, type, millisecond) keeps one. */
    void appendEvents(List<Event> events);

    /** The user's most recent events, newest first, at most {@code limit}. */
    List<Event> history(String userId, int limit);

    /**
     * One page of the user's events older than {@code before} (to the millisecond; null: from the
     * newest), newest first: the {@code limit} newest, and any more that share the last one's
     * millisecond, so that a next page asked for before that millisecond skips none.
     */
    List<Event> historyPage(String userId, Instant before, int limit);

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

    /**
     * The user's most recently logged impressions, newest first (by timestamp to the millisecond,
     * then by request id descending), at most {@code limit}; an impression re-logged under the
     * same request id and timestamp appears once, as last logged. Impressions without a user are
     * not indexed.
     *
     * <p>Read on every request (impression fatigue: how often the user was recently shown an item
     * without engaging), so it costs a scan of this user's entries in a per-user index, never a
     * scan of the log. It sees what has been logged, and serving logs slates asynchronously, so
     * the last slate or two may not be in it yet.
     */
    List<Impression> recentImpressions(String userId, int limit);

    /** Every logged impression in timestamp order, oldest first; ties by request id. */
    void forEachImpression(Consumer<Impression> action);

    /** Number of logged impressions; exact for the in-memory store, an estimate for large embedded stores. */
    long impressionCount();

    @Override
    void close();
}
