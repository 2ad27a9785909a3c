package io.sieve.ingest;

import io.sieve.model.FieldError;

/** Where a reader hands each row of a file: as a record, or as the reason it could not be read. */
interface RowSink<T> {
    void accept(long line, T record);

    void reject(long line, FieldError error, String detail);

    default void reject(long line, BadRow bad) {
        reject(line, bad.error(), bad.detail());
    }

    /** Makes a record of one raw row and hands it on, or the reason it could not be made. */
    default <R> void parse(long line, R raw, RowParser<R, T> parser) {
        T record;
        try {
            record = parser.parse(raw);
        } catch (BadRow bad) {
            reject(line, bad);
            return;
        } catch (RuntimeException unforeseen) {
            reject(line, BadRow.unreadable(unforeseen));
            return;
        }
        accept(line, record);
    }
}
