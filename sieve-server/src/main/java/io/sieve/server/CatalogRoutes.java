package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sieve.model.FieldError;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.store.Catalog;
import io.sieve.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Create-or-replace, batch, read and delete for one kind of catalog record. Items and users behave
 * identically; they differ only in their {@link Kind}.
 */
final class CatalogRoutes<T> {

    /**
     * How the routes reach one record type.
     *
     * @param withId the record with its id set, for bodies that leave the id to the path
     */
    record Kind<T>(String singular, String plural, Class<T> type, Function<T, String> idOf,
                   BiFunction<T, String, T> withId, Function<T, List<FieldError>> rules,
                   Consumer<List<T>> put, Function<String, Optional<T>> find, Predicate<String> delete) {
    }

    /**
     * An item sent without {@code createdAt} is stamped with the time it was first added (an update
     * keeps the stamp), so that new items are found by the newest-items index: that is how they
     * reach the content index and the new-items source before the next training.
     */
    static CatalogRoutes<Item> items(Catalog catalog, RequestBodies bodies, RecordLimits limits, Clock clock) {
        Consumer<List<Item>> put = items -> catalog.putItems(items.stream().map(i -> i.createdAt() != null ? i
                : new Item(i.id(), i.title(), i.description(), i.categories(), i.tags(), i.attributes(),
                        catalog.item(i.id()).isPresent() ? catalog.item(i.id()).get().createdAt() : clock.instant(),
                        i.available())).toList());
        return new CatalogRoutes<>(new Kind<>("item", "items", Item.class, Item::id,
                (i, id) -> new Item(id, i.title(), i.description(), i.categories(), i.tags(), i.attributes(),
                        i.createdAt(), i.available()),
                both(Item::validate, limits::item), put, catalog::item, catalog::deleteItem), bodies);
    }

    /** Deleting a user deletes their events and impressions too, so the users' routes need the whole store. */
    static CatalogRoutes<User> users(Store store, RequestBodies bodies, RecordLimits limits) {
        return new CatalogRoutes<>(new Kind<>("user", "users", User.class, User::id,
                (u, id) -> new User(id, u.attributes()),
                both(User::validate, limits::user), store::putUsers, store::user, store::deleteUser), bodies);
    }

    /** The record's own rules, then the API's size limits. */
    private static <T> Function<T, List<FieldError>> both(Function<T, List<FieldError>> rules,
                                                         Function<T, List<FieldError>> limits) {
        return record -> {
            List<FieldError> errors = new ArrayList<>(rules.apply(record));
            errors.addAll(limits.apply(record));
            return errors;
        };
    }

    private final Kind<T> kind;
    private final RequestBodies bodies;

    private CatalogRoutes(Kind<T> kind, RequestBodies bodies) {
        this.kind = kind;
        this.bodies = bodies;
    }

    void register(Javalin app) {
        String collection = "/v1/" + kind.plural();
        app.put(collection + "/{id}", this::put, Scope.WRITE);
        app.post(collection, this::putBatch, Scope.WRITE);
        app.get(collection + "/{id}", this::get, Scope.WRITE);
        app.delete(collection + "/{id}", this::delete, Scope.ADMIN);
    }

    private void put(Context ctx) {
        String id = QueryParams.id(ctx, "id");
        T body = bodies.one(ctx, kind.type());
        String bodyId = kind.idOf().apply(body);
        if (bodyId != null && !bodyId.equals(id)) {
            throw Problem.invalid("id", "is '" + bodyId + "' but the path names '" + id + "'; leave it out or make them equal")
                    .toException();
        }
        T record = bodyId == null ? kind.withId().apply(body, id) : body;
        List<FieldError> errors = kind.rules().apply(record);
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).toException();
        }
        kind.put().accept(List.of(record));
        ctx.json(record);
    }

    private void putBatch(Context ctx) {
        List<T> records = bodies.many(ctx, kind.type(), kind.plural());
        RequestBodies.check(kind.plural(), records, kind.rules());
        if (!records.isEmpty()) {
            kind.put().accept(records);
        }
        ctx.json(Map.of("stored", records.size()));
    }

    private void get(Context ctx) {
        String id = QueryParams.id(ctx, "id");
        ctx.json(kind.find().apply(id).orElseThrow(() -> missing(id)));
    }

    private void delete(Context ctx) {
        String id = QueryParams.id(ctx, "id");
        if (!kind.delete().test(id)) {
            throw missing(id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private ProblemException missing(String id) {
        return Problem.notFound("No " + kind.singular() + " with id '" + id + "'.").toException();
    }
}
