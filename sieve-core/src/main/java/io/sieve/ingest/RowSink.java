package io.sieve.ingest;

import io.sieve.model.FieldError;

/** Where a reader hands each row of a file: as a record, or as the reason it could not be read. */
interface RowSink<T> {
    void accept(long line, T record);

    void reject(long line, FieldError error, String detail);

    default void reject(long line, BadRow bad) {
        reject(line, bad.error(), bad.detail());
    }
}
