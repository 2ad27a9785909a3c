package io.sieve.server;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** What an API key may do; each route declares the one it needs (docs/SECURITY.md). */
enum Scope implements RouteRole {
    /** Recommendations, similar items, search and metrics; open to all when security.openRead is set. */
    READ,
    /** The catalog, users and events: storing them and reading them back. */
    WRITE,
    /** Deletes and model reloads. */
    ADMIN;

    /** The name used in the configuration and in responses. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scope named(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
