package io.sieve.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * A query string for one operation. Only the parameters the operation declares may be added, so a
 * name the client sends is always one OpenApiConformanceTest has checked against the document.
 */
final class Query {
    private final Operation operation;
    private final StringBuilder text = new StringBuilder();

    Query(Operation operation) {
        this.operation = operation;
    }

    /** Adds {@code name=value}; a null value adds nothing (the server's default applies). */
    Query add(String name, Object value) {
        if (!operation.queryParams.contains(name)) {
            throw new IllegalStateException(operation + " declares no query parameter '" + name + "'");
        }
        if (value != null) {
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(encode(name)).append('=').append(encode(value.toString()));
        }
        return this;
    }

    /**
     * One repeated parameter per value ({@code exclude=a&exclude=b}). The server also splits each
     * value at commas and trims it, so a value holding a comma, or blank or padded with spaces, would be
     * read as something else: refused here rather than silently excluding or filtering the wrong items.
     */
    Query addEach(String name, Collection<String> values) {
        for (String value : values) {
            if (value == null || value.isBlank() || value.contains(",") || !value.equals(value.strip())) {
                throw new IllegalArgumentException(name + ": '" + value + "' cannot be sent: the server splits "
                        + name + " at commas and trims spaces, so it would read another value");
            }
            add(name, value);
        }
        return this;
    }

    /** Form encoding, but a space as %20: unambiguous to any server, whether it reads '+' as a space or not. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String encoded() {
        return text.toString();
    }
}
