package io.sieve.cli;

import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything offline evaluation reads from a store, read once from a snapshot. */
record EvaluationData(List<Item> items, List<User> users, List<Event> events) {

    /** @param minValue drop events whose value is below this (null keeps all) */
    static EvaluationData load(SieveConfig config, Path dataDir, Double minValue) {
        List<Item> items = new ArrayList<>();
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try (Store store = Stores.openSnapshot(config, dataDir)) {
            store.forEachItem(items::add);
            store.forEachUser(users::add);
            store.forEachEvent(e -> {
                if (minValue == null || e.value() == null || e.value() >= minValue) {
                    events.add(e);
                }
            });
        }
        if (events.isEmpty()) {
            throw new UserError("the store in " + dataDir + " has no events: run 'sieve import' first");
        }
        return new EvaluationData(items, users, events);
    }
}
