package io.sieve.ingest;

import io.sieve.model.FieldError;

/**
 * A row that cannot become a record. Parsing code throws it; the loop reading the file turns it
 * into a rejected row with its line number, so a bad row never aborts the import.
 *
 * @see RowSink#reject
 */
final class BadRow extends Exception {
    private final FieldError error;
    private final String detail;

    /**
     * @param reason stable text: rejections are grouped by field and reason, so values go in {@code detail}
     * @param detail what exactly was wrong in this row (the offending value, the parser's message), or null
     */
    BadRow(String field, String reason, String detail) {
        super(field + ": " + reason, null, false, false);
        this.error = new FieldError(field, reason);
        this.detail = detail;
    }

    static BadRow columnCount(int found, int expected) {
        return new BadRow("row", "has the wrong number of columns", found + " columns, expected " + expected);
    }

    /** A row whose bytes are not UTF-8; storing it would change its text (an id, a title) into one nobody wrote. */
    static BadRow notUtf8(StrictUtf8Reader.Malformed malformed) {
        return new BadRow("row", "is not valid UTF-8", "bytes " + malformed.bytes());
    }

    /**
     * A row that broke code that has no check for it, such as a year beyond what java.time holds.
     * It costs that row, never the import.
     */
    static BadRow unreadable(RuntimeException cause) {
        return new BadRow("row", "cannot be read", cause.toString());
    }

    FieldError error() {
        return error;
    }

    String detail() {
        return detail;
    }
}
