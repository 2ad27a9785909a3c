package io.sieve.model;

/** One reason a record was refused: the field it concerns (JSON path style) and why. */
public record FieldError(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
