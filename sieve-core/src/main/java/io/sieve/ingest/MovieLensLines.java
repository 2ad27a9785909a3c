package io.sieve.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The layout of the 100K and 1M releases: one record a line, fields split by a separator. */
final class MovieLensLines {
    /** GroupLens wrote these files in Latin-1. */
    static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    private MovieLensLines() {
    }

    /** Reads lines of exactly {@code columns} fields; a line with more or fewer is rejected. */
    static <T> RowReader<T> reader(String separator, int columns, RowParser<String[], T> fields) {
        return (in, sink) -> NumberedLines.read(in, CHARSET, sink,
                line -> fields.parse(Cells.split(line, separator, columns)));
    }
}
