package io.sieve.client;

import java.time.Instant;
import java.util.List;

/**
 * One page of a user's stored events, newest first.
 *
 * @param next pass as {@code before} for the next, older page; null when this page reaches the
 *             user's oldest event. A page ends at a millisecond boundary, so it may hold a few more
 *             events than the limit asked for.
 */
public record EventPage(String user, List<Event> events, Instant next) {
}
