package io.sieve.client;

import java.time.Instant;

/**
 * Something a user did to an item ({@code view}, {@code click}, {@code rating}, ... as the server's
 * configuration names them).
 *
 * <p>The server keeps one copy of events that share user, item, type and millisecond. The client
 * therefore stamps an event that has no {@code timestamp} before its first attempt, so a retry
 * carries the same time and is stored once (the server would stamp each attempt differently).
 *
 * @param value     an optional strength, such as a rating
 * @param requestId the {@code requestId} of the recommendation that led to the event; it lets
 *                  training and experiments tell what was shown from what was chosen
 * @param surface   where it happened (home, email, ...)
 */
public record Event(String user, String item, String type, Double value, Instant timestamp, String requestId,
                    String surface) {

    public static Event of(String user, String item, String type) {
        return new Event(user, item, type, null, null, null, null);
    }

    public Event withValue(double newValue) {
        return new Event(user, item, type, newValue, timestamp, requestId, surface);
    }

    public Event withTimestamp(Instant time) {
        return new Event(user, item, type, value, time, requestId, surface);
    }

    public Event withRequestId(String id) {
        return new Event(user, item, type, value, timestamp, id, surface);
    }

    public Event withSurface(String name) {
        return new Event(user, item, type, value, timestamp, requestId, name);
    }
}
