package io.sieve.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers ids 0, 1, 2, ... in the order they are first seen, so that a long stream of events can be
 * kept in int columns instead of one string reference (and often one string) per event.
 */
public final class IdNumbers {
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** The id's number, given it now if it has none. */
    public int of(String id) {
        Integer n = numbers.get(id);
        if (n == null) {
            n = ids.size();
            numbers.put(id, n);
            ids.add(id);
        }
        return n;
    }

    public String id(int number) {
        return ids.get(number);
    }

    public int size() {
        return ids.size();
    }
}
