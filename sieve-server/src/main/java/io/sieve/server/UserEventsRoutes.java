package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.Catalog;
import io.sieve.store.EventLog;
import io.sieve.store.RecentImpressions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user's stored events read back, newest first, a page at a time: what the user did, as the
 * recommender sees it. The next page is asked for with {@code before} set to the page's {@code next}.
 * And the user's latest logged slates: what the user was shown (the console's support view).
 */
final class UserEventsRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /**
     * @param next the {@code before} of the next page; absent when this page holds the user's oldest event
     */
    record EventPage(String user, List<Event> events, Instant next) {
    }

    /** One logged slate as a person reads it: when, where, by which bundle, and the items in order (no feature values). */
    record ShownSlate(String requestId, Instant timestamp, String surface, String modelVersion,
                      Map<String, String> experiments, List<ShownItem> items) {
        static ShownSlate of(Impression i) {
            return new ShownSlate(i.requestId(), i.timestamp(), i.surface(), i.modelVersion(), i.experiments(),
                    i.items().stream().map(s -> new ShownItem(s.item(), s.position(), s.score(), s.propensity())).toList());
        }
    }

    record ShownItem(String item, int position, double score, double propensity) {
    }

    record SlatePage(String user, List<ShownSlate> impressions) {
    }

    private final Catalog catalog;
    private final EventLog log;
    private final RecentImpressions impressions;

    UserEventsRoutes(Catalog catalog, EventLog log, RecentImpressions impressions) {
        this.catalog = catalog;
        this.log = log;
        this.impressions = impressions;
    }

    void register(Javalin app) {
        app.get("/v1/users/{userId}/events", this::events, Scope.WRITE);
        app.get("/v1/users/{userId}/impressions", this::impressions, Scope.WRITE);
    }

    /** The newest logged slates first; the last one or two served may not be logged yet. */
    private void impressions(Context ctx) {
        String user = QueryParams.id(ctx, "userId");
        int limit = QueryParams.count(ctx, "limit", 20, MAX_LIMIT);
        ctx.json(new SlatePage(user, impressions.recentImpressions(user, limit).stream().map(ShownSlate::of).toList()));
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
