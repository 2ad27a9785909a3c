package io.sieve.store;

import io.sieve.model.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one page of a user's events, newest first, ending at a millisecond boundary: past the
 * limit it still takes the events that share the last one's millisecond. The next page asks for
 * events strictly before that millisecond, so paging never skips events that share one.
 */
final class HistoryPage {
    private final int limit;
    private final List<Event> events = new ArrayList<>();

    HistoryPage(int limit) {
        this.limit = limit;
    }

    /** @return false once the page is complete; the event offered then is not part of it */
    boolean offer(Event event) {
        if (events.size() >= limit && !event.timestamp().equals(events.getLast().timestamp())) {
            return false;
        }
        events.add(event);
        return true;
    }

    List<Event> events() {
        return events;
    }
}
