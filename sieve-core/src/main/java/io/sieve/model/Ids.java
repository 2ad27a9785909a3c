package io.sieve.model;

import java.util.List;

/** Rules shared by every identifier (users, items, event types). */
public final class Ids {
    public static final int MAX_LENGTH = 256;

    private Ids() {
    }

    /** Adds an error to {@code errors} when {@code id} cannot be used as a key. */
    public static void check(String field, String id, List<FieldError> errors) {
        if (id == null || id.isBlank()) {
            errors.add(new FieldError(field, "is required and must not be blank"));
            return;
        }
        if (id.length() > MAX_LENGTH) {
            errors.add(new FieldError(field, "is longer than " + MAX_LENGTH + " characters"));
            return;
        }
        // Control characters would break the store's composite keys and any log line.
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                errors.add(new FieldError(field, "contains a control character at position " + i));
                return;
            }
        }
    }
}
