package io.sieve.simulate;

import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.InMemoryStore;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.List;

/** A private in-memory copy of the world's catalog, users and events: a simulation never writes to the user's store. */
final class WorldCopy {
    private static final int BATCH = 10_000;

    private WorldCopy() {
    }

    static InMemoryStore of(Store world) {
        InMemoryStore copy = new InMemoryStore();
        List<Item> items = new ArrayList<>();
        world.forEachItem(item -> flush(items, item, copy::putItems));
        copy.putItems(items);
        List<User> users = new ArrayList<>();
        world.forEachUser(user -> flush(users, user, copy::putUsers));
        copy.putUsers(users);
        List<Event> events = new ArrayList<>();
        world.forEachEvent(event -> flush(events, event, copy::appendEvents));
        copy.appendEvents(events);
        return copy;
    }

    private static <T> void flush(List<T> batch, T next, java.util.function.Consumer<List<T>> write) {
        batch.add(next);
        if (batch.size() == BATCH) {
            write.accept(List.copyOf(batch));
            batch.clear();
        }
    }
}
