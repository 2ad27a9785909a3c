package io.sieve.ingest;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.FieldError;
import io.sieve.model.Ids;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Catalog;
import io.sieve.store.EventLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store-backed targets of one import run, and what they noticed on the way. */
final class RecordTargets {
    private final Catalog catalog;
    private final EventLog log;
    private final EventTypes types;
    private final Set<String> itemsNotInCatalog = new HashSet<>();
    private long eventsNotInCatalog;

    RecordTargets(Catalog catalog, EventLog log, EventTypes types) {
        this.catalog = catalog;
        this.log = log;
        this.types = types;
    }

    RecordTarget<Item> items() {
        return new RecordTarget<>(RecordKind.ITEMS, Item::validate, catalog::putItems, Item::id);
    }

    RecordTarget<User> users() {
        return new RecordTarget<>(RecordKind.USERS, User::validate, catalog::putUsers, User::id);
    }

    /**
     * Events about unknown users or items are stored anyway: an event log is often loaded before
     * the catalog. They are counted so the report can say so.
     */
    RecordTarget<Event> events() {
        return new RecordTarget<>(RecordKind.EVENTS, e -> e.validate(types), batch -> {
            log.appendEvents(batch);
            for (Event e : batch) {
                if (catalog.item(e.item()).isEmpty()) {
                    eventsNotInCatalog++;
                    itemsNotInCatalog.add(e.item());
                }
            }
        }, null);
    }

    /** Tags are merged into items already stored, so they must come after their items. */
    RecordTarget<ItemTag> itemTags() {
        return new RecordTarget<>(RecordKind.ITEM_TAGS, this::validate, this::addTags, null);
    }

    private List<FieldError> validate(ItemTag tag) {
        List<FieldError> errors = new ArrayList<>();
        Ids.check("item", tag.item(), errors);
        if (tag.tag() == null || tag.tag().isBlank()) {
            errors.add(new FieldError("tag", "must not be blank"));
        }
        if (errors.isEmpty() && catalog.item(tag.item()).isEmpty()) {
            errors.add(new FieldError("item", "is not in the catalog"));
        }
        return errors;
    }

    private void addTags(List<ItemTag> batch) {
        Map<String, Set<String>> byItem = new LinkedHashMap<>();
        for (ItemTag t : batch) {
            byItem.computeIfAbsent(t.item(), id -> new LinkedHashSet<>()).add(t.tag());
        }
        List<Item> updated = new ArrayList<>(byItem.size());
        byItem.forEach((id, tags) -> {
            Item item = catalog.item(id).orElseThrow();
            Set<String> merged = new LinkedHashSet<>(item.tags());
            merged.addAll(tags);
            updated.add(new Item(item.id(), item.title(), item.description(), item.categories(),
                    List.copyOf(merged), item.attributes(), item.createdAt(), item.available()));
        });
        catalog.putItems(updated);
    }

    Optional<String> catalogWarning() {
        if (eventsNotInCatalog == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "%,d events refer to %,d items that are not in the catalog; they were stored, and the items "
                        + "can be imported later", eventsNotInCatalog, itemsNotInCatalog.size()));
    }
}
