package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.model.ColdStartStage;
import io.sieve.model.Event;
import io.sieve.model.FieldError;
import io.sieve.model.Ids;
import io.sieve.model.User;
import io.sieve.online.ServingListener;
import io.sieve.store.Catalog;
import io.sieve.store.EventLog;
import io.sieve.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Onboarding: a new user picks categories and items they like before their first click. The
 * categories become the user's {@code preferredCategories} (the onboarding source serves their
 * popular items); each picked item becomes a {@code like} event, so collaborative sources fold the
 * user in from them at once.
 */
final class OnboardingRoutes {
    /** What a user picked. */
    record Picks(List<String> categories, List<String> items) {
        Picks {
            categories = categories == null ? List.of() : List.copyOf(categories);
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    private final Catalog catalog;
    private final EventLog log;
    private final ServingListener listener;
    private final RequestBodies bodies;
    private final Clock clock;
    private final RecordLimits limits;

    OnboardingRoutes(Catalog catalog, EventLog log, ServingListener listener, RequestBodies bodies, Clock clock, RecordLimits limits) {
        this.limits = limits;
        this.catalog = catalog;
        this.log = log;
        this.listener = listener;
        this.bodies = bodies;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.post("/v1/users/{userId}/onboarding", this::onboard, Scope.WRITE);
    }

    private void onboard(Context ctx) {
        String userId = QueryParams.id(ctx, "userId");
        Picks picks = bodies.one(ctx, Picks.class);
        // Sizes first: each picked item is looked up in the store, and a million picks must cost nothing.
        List<FieldError> tooMany = limits.picks(picks.categories(), picks.items());
        if (!tooMany.isEmpty()) {
            throw Problem.invalid(tooMany).toException();
        }
        List<FieldError> errors = new ArrayList<>();
        if (picks.categories().isEmpty() && picks.items().isEmpty()) {
            errors.add(new FieldError("categories", "pick at least one category or item"));
        }
        for (int i = 0; i < picks.categories().size(); i++) {
            String c = picks.categories().get(i);
            if (c == null || c.isBlank()) {
                errors.add(new FieldError("categories[" + i + "]", "must not be blank"));
            } else if (c.length() > Ids.MAX_LENGTH) {
                errors.add(new FieldError("categories[" + i + "]", "is longer than " + Ids.MAX_LENGTH + " characters"));
            }
        }
        for (int i = 0; i < picks.items().size(); i++) {
            if (catalog.item(picks.items().get(i)).isEmpty()) {
                errors.add(new FieldError("items[" + i + "]", "no item '" + picks.items().get(i) + "' in the catalog"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).toException();
        }
        Map<String, Object> attributes = new LinkedHashMap<>(catalog.user(userId).map(User::attributes).orElse(Map.of()));
        if (!picks.categories().isEmpty()) {
            attributes.put(ColdStartStage.PREFERRED_CATEGORIES, picks.categories());
        }
        catalog.putUsers(List.of(new User(userId, attributes)));
        Instant now = clock.instant();
        List<Event> likes = picks.items().stream().map(item -> Event.of(userId, item, "like", now)).toList();
        if (!likes.isEmpty()) {
            log.appendEvents(likes);
            listener.accepted(likes);
        }
        ctx.json(Map.of("user", userId, "categories", picks.categories(), "items", picks.items()));
    }
}
