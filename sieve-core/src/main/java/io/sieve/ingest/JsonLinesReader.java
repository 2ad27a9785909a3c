package io.sieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** JSON Lines: one JSON object per line, in exactly the shape the HTTP API takes. */
final class JsonLinesReader<T> implements RowReader<T> {
    private final RecordBinder<T> binder;

    JsonLinesReader(Class<T> type) {
        this.binder = new RecordBinder<>(type);
    }

    @Override
    public void read(InputStream in, RowSink<T> sink) throws IOException {
        NumberedLines.read(in, StandardCharsets.UTF_8, sink, binder::fromJson);
    }
}
