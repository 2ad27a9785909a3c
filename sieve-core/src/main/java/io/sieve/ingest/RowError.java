package io.sieve.ingest;

import io.sieve.model.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rejected row: where it is and why it was refused.
 *
 * @param detail what exactly was wrong (the offending value, the parser's message), or null
 */
public record RowError(String file, long line, List<FieldError> errors, String detail) {

    public RowError {
        errors = List.copyOf(errors);
    }

    /** {@code file:line: field: reason; field: reason (detail)}, the form editors and terminals link to. */
    @Override
    public String toString() {
        String reasons = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
        return file + ":" + line + ": " + reasons + (detail == null ? "" : " (" + detail + ")");
    }
}
