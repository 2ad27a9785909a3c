package io.sieve.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mistakes found in one load, each a line {@code key: reason}, reported together in the order
 * their keys appear in the configuration (those naming no key, such as environment variables, last).
 * A value that could not be bound is replaced by a placeholder so that binding goes on; what is
 * then found at or under that key would be about the placeholder, so it is dropped.
 */
final class Problems {
    private final List<String> lines = new ArrayList<>();
    private final Set<String> unbound = new HashSet<>();

    /** A value at {@code key} that binding could not take; a placeholder stands in for it. */
    void unbound(String key, String reason) {
        add(key, reason);
        unbound.add(key);
    }

    void add(String key, String reason) {
        add(key + ": " + reason);
    }

    /** A problem already written as {@code key: reason}. */
    void add(String line) {
        if (!aboutPlaceholder(keyOf(line))) {
            lines.add(line);
        }
    }

    boolean contains(String line) {
        return lines.contains(line);
    }

    /** Throws every problem at once, if there is any. */
    void throwIfAny(JsonNode tree) {
        if (!lines.isEmpty()) {
            Map<String, Integer> positions = new HashMap<>();
            index(tree, "", positions);
            throw new ConfigException(lines.stream()
                    .sorted(Comparator.comparingInt(line -> positionOf(keyOf(line), positions)))
                    .toList());
        }
    }

    private boolean aboutPlaceholder(String key) {
        for (String k = key; !k.isEmpty(); k = parent(k)) {
            if (unbound.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static String keyOf(String line) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line : line.substring(0, colon);
    }

    /** Numbers every key path of the tree in document order: {@code a.b}, {@code a.list[0]}. */
    private static void index(JsonNode node, String path, Map<String, Integer> out) {
        out.putIfAbsent(path, out.size());
        if (node.isObject()) {
            node.properties().forEach(f -> index(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                index(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** Where the key, or the nearest key above it, stands in the tree. */
    private static int positionOf(String key, Map<String, Integer> positions) {
        for (String k = key; !k.isEmpty(); k = parent(k)) {
            Integer position = positions.get(k);
            if (position != null) {
                return position;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** {@code a.b.c} to {@code a.b}, {@code a.b[2]} to {@code a.b}, {@code a} to "". */
    private static String parent(String key) {
        return key.substring(0, Math.max(0, Math.max(key.lastIndexOf('.'), key.lastIndexOf('['))));
    }
}
