package io.sieve.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.online.ServingListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * When this server last accepted an event, from any way in (API, onboarding, Kafka), and how
 * many of each type: the first sign of a broken data pipeline is events that stop arriving. By
 * the wall clock, not the events' own times, which an import or a late batch sets in the past.
 * Before any event it counts from the server's start.
 */
public final class EventFreshness implements ServingListener {
    private final Clock clock;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> byType = new ConcurrentHashMap<>();
    private volatile Instant acceptedAt;

    public EventFreshness(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        this.acceptedAt = clock.instant();
    }

    @Override
    public void accepted(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        acceptedAt = clock.instant();
        for (Event e : events) {
            byType.computeIfAbsent(e.type(), type -> Counter.builder("sieve.events.accepted").tag("type", type)
                    .description("Events accepted (API, onboarding, Kafka) by type").register(registry)).increment();
        }
    }

    @Override
    public void served(Impression impression) {
    }

    /** When the newest event arrived, or the server started. */
    public Instant acceptedAt() {
        return acceptedAt;
    }
}
