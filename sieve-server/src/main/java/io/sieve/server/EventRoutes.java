package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.online.ServingListener;
import io.sieve.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Event intake. 202 is sent only after the event log has stored the events (durably, for a durable
 * store), so an acknowledged event survives a crash; a batch with any invalid event is refused whole.
 */
final class EventRoutes {
    private final EventLog log;
    private final EventTypes types;
    private final RequestBodies bodies;
    private final Clock clock;
    private final ServingListener listener;

    /** @param listener told of events once they are durable: the online state (the item counters), a publisher */
    EventRoutes(EventLog log, EventTypes types, RequestBodies bodies, Clock clock, ServingListener listener) {
        this.log = log;
        this.types = types;
        this.bodies = bodies;
        this.clock = clock;
        this.listener = listener;
    }

    void register(Javalin app) {
        app.post("/v1/events", this::one, Scope.WRITE);
        app.post("/v1/events/batch", this::batch, Scope.WRITE);
    }

    private void one(Context ctx) {
        Event event = bodies.one(ctx, Event.class).withTimestampIfMissing(clock.instant());
        var errors = event.validate(types);
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).toException();
        }
        append(ctx, List.of(event));
    }

    private void batch(Context ctx) {
        Instant now = clock.instant();
        List<Event> events = bodies.many(ctx, Event.class, "events").stream()
                .map(e -> e.withTimestampIfMissing(now))
                .toList();
        RequestBodies.check("events", events, e -> e.validate(types));
        append(ctx, events);
    }

    private void append(Context ctx, List<Event> events) {
        if (!events.isEmpty()) {
            log.appendEvents(events);
            listener.accepted(events);
        }
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("accepted", events.size()));
    }
}
