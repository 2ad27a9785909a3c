package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.model.Event;
import io.sieve.store.Catalog;
import io.sieve.store.EventLog;
import java.time.Instant;
import java.util.List;

/**
 * A user's stored events read back, newest first, a page at a time: what the user did, as the
 * recommender sees it. The next page is asked for with {@code before} set to the page's {@code next}.
 */
final class UserEventsRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /**
     * @param next the {@code before} of the next page; absent when this page holds the user's oldest event
     */
    record EventPage(String user, List<Event> events, Instant next) {
    }

    private final Catalog catalog;
    private final EventLog log;

    UserEventsRoutes(Catalog catalog, EventLog log) {
        this.catalog = catalog;
        this.log = log;
    }

    void register(Javalin app) {
        app.get("/v1/users/{userId}/events", this::events, Scope.WRITE);
    }

    private void events(Context ctx) {
        String user = QueryParams.id(ctx, "userId");
        int limit = QueryParams.count(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        Instant before = QueryParams.time(ctx, "before");
        List<Event> events = log.historyPage(user, before, limit);
        // A user is known by a profile or by events; one with neither is a 404, as for GET /v1/users/{id}.
        if (events.isEmpty() && catalog.user(user).isEmpty() && (before == null || log.history(user, 1).isEmpty())) {
            throw Problem.notFound("No user with id '" + user + "': no profile and no events.").toException();
        }
        Instant next = events.size() >= limit ? events.getLast().timestamp() : null;
        ctx.json(new EventPage(user, events, next));
    }
}
