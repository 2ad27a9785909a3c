package io.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.FieldError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An exception that no check foresaw, thrown by one row, rejects that row and nothing else. */
class RowFailureTest {
    private final List<String> written = new ArrayList<>();
    private final ImportTally tally = new ImportTally();

    private RecordLoader<String> loader(Function<String, List<FieldError>> validator) {
        return new RecordLoader<>("f", new RecordTarget<>(RecordKind.ITEMS, validator, written::addAll, null), tally);
    }

    private static InputStream text(String... lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private List<RowError> finish(RecordLoader<String> loader) {
        loader.finish();
        return tally.report(ImportFormat.JSONL, 0).firstRejected();
    }

    @Test
    void anExceptionWhileParsingALineRejectsThatLine() throws IOException {
        RecordLoader<String> loader = loader(s -> List.of());
        NumberedLines.read(text("a", "boom", "c"), StandardCharsets.UTF_8, loader, line -> {
            if (line.equals("boom")) {
                throw new ArithmeticException("long overflow");
            }
            return line;
        });

        List<RowError> rejected = finish(loader);
        assertEquals(List.of("a", "c"), written);
        assertEquals(1, rejected.size());
        assertEquals("f:2: row: cannot be read (java.lang.ArithmeticException: long overflow)", rejected.get(0).toString());
    }

    @Test
    void anExceptionWhileParsingACsvRowRejectsThatRow() throws IOException {
        RecordLoader<String> loader = loader(s -> List.of());
        CsvRows.read(text("name", "a", "boom", "c"), loader, header -> cells -> {
            if (cells[0].equals("boom")) {
                throw new DateTimeException("Instant exceeds minimum or maximum instant");
            }
            return cells[0];
        });

        List<RowError> rejected = finish(loader);
        assertEquals(List.of("a", "c"), written);
        assertEquals(List.of(3L), rejected.stream().map(RowError::line).toList());
        assertEquals(List.of(new FieldError("row", "cannot be read")), rejected.get(0).errors());
    }

    @Test
    void anExceptionWhileValidatingRejectsThatRecord() throws IOException {
        RecordLoader<String> loader = loader(s -> {
            if (s.equals("boom")) {
                throw new ArithmeticException("long overflow");
            }
            return List.of();
        });
        NumberedLines.read(text("a", "boom", "c"), StandardCharsets.UTF_8, loader, line -> line);

        List<RowError> rejected = finish(loader);
        assertEquals(List.of("a", "c"), written);
        assertEquals(List.of(2L), rejected.stream().map(RowError::line).toList());
        assertTrue(rejected.get(0).detail().contains("long overflow"), rejected.toString());
    }
}
