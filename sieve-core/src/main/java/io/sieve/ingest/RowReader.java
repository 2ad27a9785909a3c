package io.sieve.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Turns the bytes of one file into rows of one record type. */
@FunctionalInterface
interface RowReader<T> {
    void read(InputStream in, RowSink<T> sink) throws IOException;
}
