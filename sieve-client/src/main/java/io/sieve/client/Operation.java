package io.sieve.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every call the client makes, in one place: method, path template, query parameters, body and
 * answer types. Requests are built only from these, and OpenApiConformanceTest checks these same
 * constants against the server's OpenAPI document, so the test checks what the client really sends.
 *
 * <p>{@code idempotent}: whether sending the request again after a lost answer is safe, so that a
 * failure after the request went out (a timeout, a reset connection) is retried. GET, PUT and
 * DELETE are by definition; the catalog batches are upserts by id; events are stored once per
 * (user, item, type, millisecond) and the client fixes the time before the first attempt. Reload is
 * not: it may also judge a canary on trial, which an operator should see happen once.
 */
enum Operation {
    RECOMMEND("GET", "/v1/recommendations/{userId}", null, Recommendations.class, true,
            "n", "surface", "device", "category", "exclude", "filter", "variant", "debug", "include"),
    SIMILAR("GET", "/v1/items/{itemId}/similar", null, Recommendations.class, true, "n", "include"),
    SEARCH("GET", "/v1/search", null, Recommendations.class, true, "q", "user", "n", "include"),

    PUT_ITEM("PUT", "/v1/items/{id}", Item.class, Item.class, true),
    GET_ITEM("GET", "/v1/items/{id}", null, Item.class, true),
    DELETE_ITEM("DELETE", "/v1/items/{id}", null, Void.class, true),
    PUT_ITEMS("POST", "/v1/items", Wire.ItemBatch.class, Wire.Stored.class, true),
    ITEM_STATISTICS("GET", "/v1/items/{itemId}/statistics", null, ItemStatistics.class, true),

    PUT_USER("PUT", "/v1/users/{id}", User.class, User.class, true),
    GET_USER("GET", "/v1/users/{id}", null, User.class, true),
    DELETE_USER("DELETE", "/v1/users/{id}", null, Void.class, true),
    PUT_USERS("POST", "/v1/users", Wire.UserBatch.class, Wire.Stored.class, true),

    SEND_EVENT("POST", "/v1/events", Event.class, Wire.Accepted.class, true),
    SEND_EVENTS("POST", "/v1/events/batch", Wire.EventBatch.class, Wire.Accepted.class, true),
    USER_EVENTS("GET", "/v1/users/{userId}/events", null, EventPage.class, true, "limit", "before"),

    READY("GET", "/readyz", null, Readiness.class, true),
    METRICS("GET", "/metrics", null, String.class, true),
    DATA_HEALTH("GET", "/v1/admin/health", null, DataHealth.class, true),
    RELOAD("POST", "/v1/admin/reload", null, Reload.class, false);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    final String method;
    final String path;
    /** The JSON body's type; null for a request without a body. */
    final Class<?> requestType;
    /** What a 2xx answer is read as: a record, {@code String} (text) or {@code Void} (no body). */
    final Class<?> responseType;
    final boolean idempotent;
    final Set<String> queryParams;

    Operation(String method, String path, Class<?> requestType, Class<?> responseType, boolean idempotent,
              String... queryParams) {
        this.method = method;
        this.path = path;
        this.requestType = requestType;
        this.responseType = responseType;
        this.idempotent = idempotent;
        this.queryParams = Set.of(queryParams);
    }

    /** The names of the path's placeholders, in order ({@code userId}). */
    List<String> pathParams() {
        return PLACEHOLDER.matcher(path).results().map(r -> r.group(1)).toList();
    }

    /**
     * The request's URI: {@code base}'s path (a prefix, when Sieve sits behind a proxy under one),
     * this path with each placeholder replaced by one of {@code values}, percent-encoded, then the query.
     */
    URI uri(URI base, List<String> values, String query) {
        List<String> names = pathParams();
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(this + " takes " + names + ", given " + values.size() + " values");
        }
        Matcher m = PLACEHOLDER.matcher(path);
        StringBuilder p = new StringBuilder();
        int i = 0;
        while (m.find()) {
            String value = values.get(i++);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(m.group(1) + " must not be null or empty");
            }
            m.appendReplacement(p, Matcher.quoteReplacement(encodeSegment(value)));
        }
        m.appendTail(p);
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String target = prefix + p + (query.isEmpty() ? "" : "?" + query);
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + target);
    }

    /**
     * Percent-encodes all but RFC 3986's unreserved characters, so an id with '/', '?', '#', '%', a
     * space or any non-ASCII character stays one path segment. (URLEncoder is for forms: it turns
     * a space into '+', which a path keeps as a plus.)
     */
    static String encodeSegment(String value) {
        if (value.equals(".") || value.equals("..")) {
            // Kept literal, they would be read as "this" and "parent" directory and move the request.
            return value.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
