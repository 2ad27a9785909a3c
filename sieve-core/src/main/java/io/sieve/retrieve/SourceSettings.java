package io.sieve.retrieve;

import java.util.Map;

/** A configured source's own settings, its type's defaults filled in, read by key. */
public record SourceSettings(String source, Map<String, Object> values) {

    public int integer(String key) {
        return number(key).intValue();
    }

    public double decimal(String key) {
        return number(key).doubleValue();
    }

    public long longInteger(String key) {
        return number(key).longValue();
    }

    public java.time.Duration minutes(String key) {
        return java.time.Duration.ofMinutes(number(key).longValue());
    }

    private Number number(String key) {
        if (values.get(key) instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("retrieval.sources." + source + "." + key + ": a number is needed, was " + values.get(key));
    }
}
