package io.sieve.feature;

import io.sieve.model.Impression;
import java.time.Instant;
import java.util.List;

/**
 * Item statistics as they stood at a moment in the past: events and impressions are applied in
 * time order and {@link #advanceTo} stops at the moment asked for, so a training row built at time
 * t sees exactly the events up to t, as the server would have. Events at t itself count (the
 * server applies an event before any request that comes after it); impressions at t do not (a
 * request's own impression is logged after its features were computed).
 */
public final class StatisticsReplay {
    private static final Instant FIRST_MILLISECOND = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LAST_MILLISECOND = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final ItemStatistics statistics;
    private final EventTrail events;
    private final List<Impression> impressions;
    private int nextEvent;
    private int nextImpression;
    private Instant position = Instant.MIN;

    /** @param events and {@code impressions} in time order, oldest first */
    public StatisticsReplay(ItemStatistics statistics, EventTrail events, List<Impression> impressions) {
        this.statistics = statistics;
        this.events = events;
        this.impressions = impressions;
    }

    /** Moves forward to {@code t}; moving backwards is refused, since applied events cannot be taken out. */
    public ItemStatistics advanceTo(Instant t) {
        if (t.isBefore(position)) {
            throw new IllegalStateException("replay is at " + position + " and cannot go back to " + t);
        }
        position = t;
        // Event times are whole milliseconds: one is due when it is at or before t's millisecond.
        long due = t.isAfter(LAST_MILLISECOND) ? Long.MAX_VALUE : t.isBefore(FIRST_MILLISECOND) ? Long.MIN_VALUE : t.toEpochMilli();
        while (true) {
            boolean eventDue = nextEvent < events.size() && events.millis(nextEvent) <= due;
            boolean impressionDue = nextImpression < impressions.size()
                    && impressions.get(nextImpression).timestamp().isBefore(t);
            if (!eventDue && !impressionDue) {
                return statistics;
            }
            if (eventDue && (!impressionDue
                    || impressions.get(nextImpression).timestamp().toEpochMilli() >= events.millis(nextEvent))) {
                events.applyTo(statistics, nextEvent++);
            } else {
                statistics.apply(impressions.get(nextImpression++));
            }
        }
    }
}
