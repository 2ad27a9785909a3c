package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Collects a split's parts; the protocols differ only in which event goes where. */
final class SplitBuilder {
    static final Comparator<Event> ORDER = Comparator.comparing(Event::timestamp)
            .thenComparing(Event::user).thenComparing(Event::item).thenComparing(Event::type);

    private final EventTypes types;
    private final List<Event> train = new ArrayList<>();
    private final List<Event> historyOnly = new ArrayList<>();
    private final Map<String, List<Event>> test = new LinkedHashMap<>();

    SplitBuilder(EventTypes types) {
        this.types = types;
    }

    void train(Event e) {
        train.add(e);
    }

    void historyOnly(Event e) {
        historyOnly.add(e);
    }

    void test(Event e) {
        test.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
    }

    /**
     * Test users keep their positive held-out items that they did not already touch in their
     * history, and that training has seen at least once when {@code knownItemsOnly} (items nobody
     * trained on cannot be recommended by any collaborative model).
     *
     * @param requestAtTestStart request at the first test event (temporal protocols) rather than
     *                           just after the user's latest known event
     */
    Split build(boolean knownItemsOnly, boolean requestAtTestStart) {
        Set<String> trainedItems = new HashSet<>();
        Map<String, Set<String>> known = new LinkedHashMap<>();
        Map<String, Instant> latestKnown = new LinkedHashMap<>();
        for (List<Event> part : List.of(train, historyOnly)) {
            for (Event e : part) {
                known.computeIfAbsent(e.user(), u -> new HashSet<>()).add(e.item());
                latestKnown.merge(e.user(), e.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        train.forEach(e -> trainedItems.add(e.item()));
        Map<String, Set<String>> relevant = new TreeMap<>();
        Map<String, Instant> requestTime = new TreeMap<>();
        test.forEach((user, events) -> {
            if (!latestKnown.containsKey(user)) {
                return; // no history at all: a cold-start user, measured by the cold-start protocol
            }
            Set<String> items = new HashSet<>();
            Instant first = null;
            for (Event e : events) {
                if (types.weightOf(e) > 0 && !known.get(user).contains(e.item())
                        && (!knownItemsOnly || trainedItems.contains(e.item()))) {
                    items.add(e.item());
                    first = first == null || e.timestamp().isBefore(first) ? e.timestamp() : first;
                }
            }
            if (!items.isEmpty()) {
                relevant.put(user, items);
                Instant last = latestKnown.get(user);
                requestTime.put(user, requestAtTestStart && first.isAfter(last) ? first : last);
            }
        });
        train.sort(ORDER);
        historyOnly.sort(ORDER);
        return new Split(train, historyOnly, relevant, requestTime);
    }
}
