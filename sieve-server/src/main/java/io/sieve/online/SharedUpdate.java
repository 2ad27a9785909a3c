package io.sieve.online;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sieve.feature.ItemStatistics;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.store.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One change to the online state as it travels between replicas: accepted events, or a served
 * slate reduced to what the counters and fatigue read (when, and which items, in order).
 *
 * @param user    the slate's user, whose recent-slate list it joins; null for events
 * @param payload the events, or the slate, as JSON
 */
record SharedUpdate(String kind, String user, String payload) {
    static final String REPLICA = "replica";
    private static final String EVENTS = "events";
    private static final String SLATE = "slate";
    private static final TypeReference<List<Event>> EVENT_LIST = new TypeReference<>() {
    };

    /** What a slate list and the stream hold of a served slate. */
    private record Slate(String requestId, long at, List<String> items) {
    }

    static SharedUpdate events(List<Event> events) {
        return new SharedUpdate(EVENTS, null, write(events));
    }

    static SharedUpdate slate(Impression impression) {
        var items = impression.items().stream().map(Impression.Shown::item).toList();
        return new SharedUpdate(SLATE, impression.user(),
                write(new Slate(impression.requestId(), impression.timestamp().toEpochMilli(), items)));
    }

    /** The stream entry's fields. */
    Map<String, String> fields(String replica) {
        return Map.of(REPLICA, replica, "kind", kind, "data", payload);
    }

    /** Applies a stream entry written by {@link #fields} to the counters. */
    static void apply(Map<String, String> fields, ItemStatistics statistics) {
        String data = fields.get("data");
        switch (fields.getOrDefault("kind", "")) {
            case EVENTS -> read(data, EVENT_LIST).forEach(statistics::apply);
            case SLATE -> statistics.apply(readSlate(null, data));
            default -> throw new IllegalArgumentException("unknown kind of update: " + fields.get("kind"));
        }
    }

    /** A slate as fatigue and the counters read it: its items in order, nothing of their features. */
    static Impression readSlate(String user, String json) {
        Slate slate = read(json, new TypeReference<>() {
        });
        List<Impression.Shown> shown = new ArrayList<>(slate.items().size());
        for (int i = 0; i < slate.items().size(); i++) {
            shown.add(new Impression.Shown(slate.items().get(i), i + 1, 0, 1, null));
        }
        return new Impression(slate.requestId(), user, Instant.ofEpochMilli(slate.at()), null, null, null, null, shown);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a shared update", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable shared update: " + e.getOriginalMessage(), e);
        }
    }
}
