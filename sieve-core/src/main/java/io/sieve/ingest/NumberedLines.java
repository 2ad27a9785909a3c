package io.sieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads a one-record-per-line file, numbering lines from 1 as editors do and skipping blank ones.
 * In a UTF-8 file, a line that is not valid UTF-8 is rejected.
 */
final class NumberedLines {
    private NumberedLines() {
    }

    static <T> void read(InputStream in, Charset charset, RowSink<T> sink, RowParser<String, T> parser)
            throws IOException {
        StrictUtf8Reader strict = charset.equals(StandardCharsets.UTF_8) ? new StrictUtf8Reader(in) : null;
        BufferedReader lines = new BufferedReader(strict != null ? strict : new InputStreamReader(in, charset), 1 << 16);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (number == 1) {
                line = Cells.withoutByteOrderMark(line);
            }
            if (line.isBlank()) {
                continue;
            }
            StrictUtf8Reader.Malformed malformed = strict == null ? null : strict.takeThroughLine(number);
            if (malformed != null) {
                sink.reject(number, BadRow.notUtf8(malformed));
                continue;
            }
            sink.parse(number, line, parser);
        }
    }
}
