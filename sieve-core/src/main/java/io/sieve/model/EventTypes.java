package io.sieve.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The configured event types, looked up by name. */
public final class EventTypes {
    private final Map<String, EventType> byName;

    public EventTypes(Collection<EventType> types) {
        Map<String, EventType> map = new LinkedHashMap<>();
        for (EventType t : types) {
            map.put(t.name(), t);
        }
        this.byName = Map.copyOf(map);
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The type called {@code name}; unknown names (events stored under an older config) weigh nothing. */
    public EventType get(String name) {
        EventType t = byName.get(name);
        return t != null ? t : new EventType(name, 0, false, false, false, "chose");
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }

    public double weightOf(Event e) {
        return get(e.type()).weightOf(e.value());
    }
}
