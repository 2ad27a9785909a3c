package io.sieve.eval;

import io.sieve.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A train/test split of an event log.
 *
 * @param train        events the model is trained on
 * @param historyOnly  events the server knows at request time but training never sees (the
 *                     fold-in part of held-out users in strong generalisation)
 * @param relevant     per test user, the held-out items that count as hits
 * @param requestTime  per test user, the moment the evaluated request is made
 */
public record Split(List<Event> train, List<Event> historyOnly, Map<String, Set<String>> relevant,
                    Map<String, Instant> requestTime) {
}
