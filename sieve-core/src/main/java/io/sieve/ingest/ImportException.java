package io.sieve.ingest;

/**
 * The input cannot be imported at all (a file is missing, the format is unknown, a header lacks a
 * column), as opposed to a bad row, which is rejected and reported while the import goes on.
 */
public class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }
}
