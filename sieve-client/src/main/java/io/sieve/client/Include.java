package io.sieve.client;

import java.util.Locale;

/**
 * Catalog fields the server can put on each recommended item ({@code include=title,categories}), so
 * that showing a list needs no request per item. The server reads them after the funnel, so a list
 * without them costs nothing more.
 */
public enum Include {
    TITLE, CATEGORIES, ATTRIBUTES;

    /** The name the API uses: {@code title}, {@code categories}, {@code attributes}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
