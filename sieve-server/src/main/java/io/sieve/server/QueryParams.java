package io.sieve.server;

import io.javalin.http.Context;
import io.sieve.model.FieldError;
import io.sieve.model.Ids;
import io.sieve.model.Timestamps;
import io.sieve.rules.ConditionSyntax;
import io.sieve.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads path and query parameters, refusing bad ones with a problem that names the parameter. */
final class QueryParams {
    private QueryParams() {
    }

    /** A whole number in 1..max; {@code fallback} when absent. */
    static int count(Context ctx, String name, int fallback, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the same message as an out-of-range number
        }
        throw Problem.invalid(name, "must be a whole number from 1 to " + max + ", not '" + raw + "'").toException();
    }

    /** Values given as a comma-separated list, as repeated parameters, or both. */
    static Set<String> list(Context ctx, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String raw : ctx.queryParams(name)) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    static boolean flag(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw Problem.invalid(name, "must be true or false, not '" + raw + "'").toException();
        };
    }

    /** A path parameter that names a user or an item, checked by the same rules as stored ids. */
    static String id(Context ctx, String name) {
        String id = ctx.pathParam(name);
        List<FieldError> errors = new ArrayList<>();
        Ids.check(name, id, errors);
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).toException();
        }
        return id;
    }

    /** An optional time, ISO-8601 or epoch seconds as everywhere else; null when absent. */
    static Instant time(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            // To the millisecond, as events are stored; toEpochMilli throws for times beyond that range.
            return Instant.ofEpochMilli(Timestamps.parse(raw).toEpochMilli());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw Problem.invalid(name, "must be an ISO-8601 time or epoch seconds, not '" + raw + "'").toException();
        }
    }

    /** An optional short label (surface, device): null when absent, refused when longer than an id may be. */
    static String label(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > Ids.MAX_LENGTH) {
            throw Problem.invalid(name, "is longer than " + Ids.MAX_LENGTH + " characters").toException();
        }
        return value;
    }

    /** Per-request filters, {@code attribute:op:value} each (see ConditionSyntax); a malformed one is a 400 naming it. */
    static List<Rule> rules(Context ctx, String name) {
        List<Rule> rules = new ArrayList<>();
        for (String text : ctx.queryParams(name)) {
            try {
                rules.add(Rule.require(name + " " + text, ConditionSyntax.parse(text)));
            } catch (IllegalArgumentException e) {
                throw Problem.invalid(name, e.getMessage()).toException();
            }
        }
        return rules;
    }
}
