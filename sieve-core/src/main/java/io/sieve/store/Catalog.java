package io.sieve.store;

import io.sieve.model.Item;
import io.sieve.model.User;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The items and the user profiles. A write returns once a durable backend ({@link StoreProvider#durable})
 * has made it durable, so an acknowledged write survives a crash. Ids are ordered as their UTF-8
 * bytes are, in every backend.
 */
public interface Catalog {

    /** Stores the items, replacing any with the same id. */
    void putItems(List<Item> items);

    Optional<Item> item(String id);

    /** Removes the item; its events stay, as history of what users did. */
    boolean deleteItem(String id);

    /** Every item, in id order. */
    void forEachItem(Consumer<Item> action);

    long itemCount();

    /** Ids of the most recently created items (by {@code createdAt}), newest first; items without one are left out. */
    List<String> newestItems(int limit);

    /** Stores the profiles, replacing any with the same id. */
    void putUsers(List<User> users);

    Optional<User> user(String id);

    /** Every profile, in id order. */
    void forEachUser(Consumer<User> action);
}
