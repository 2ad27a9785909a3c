package io.sieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/** Reads a one-record-per-line file, numbering lines from 1 as editors do and skipping blank ones. */
final class NumberedLines {
    private NumberedLines() {
    }

    static <T> void read(InputStream in, Charset charset, RowSink<T> sink, RowParser<String, T> parser)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (number == 1) {
                line = Cells.withoutByteOrderMark(line);
            }
            if (line.isBlank()) {
                continue;
            }
            sink.parse(number, line, parser);
        }
    }
}
