package io.sieve.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a UTF-8 CSV file whose first row names the columns. Jackson's CSV parser does the
 * tokenising, so quoted cells, embedded commas and newlines and CRLF line ends work as in RFC 4180.
 * A row that is not valid UTF-8 is rejected.
 */
final class CsvRows {
    private static final CsvFactory FACTORY = new CsvFactory();

    private CsvRows() {
    }

    /**
     * @param forHeader builds the row parser from the column names; it may throw {@link ImportException}
     *                  when a required column is missing
     */
    static <T> void read(InputStream in, RowSink<T> sink, Function<List<String>, RowParser<String[], T>> forHeader)
            throws IOException {
        StrictUtf8Reader text = new StrictUtf8Reader(in);
        try (CsvParser csv = FACTORY.createParser(text)) {
            List<String> header = null;
            RowParser<String[], T> parser = null;
            List<String> cells = new ArrayList<>();
            long rowLine = 1;
            try {
                for (JsonToken token = csv.nextToken(); token != null; token = csv.nextToken()) {
                    if (token == JsonToken.START_ARRAY) {
                        cells.clear();
                        // The row's own position is only known at its first cell; until then, the parser's.
                        rowLine = csv.currentLocation().getLineNr();
                    } else if (token == JsonToken.VALUE_STRING) {
                        if (cells.isEmpty()) {
                            rowLine = csv.currentTokenLocation().getLineNr();
                        }
                        cells.add(csv.getText());
                    } else if (token == JsonToken.END_ARRAY && !isBlankLine(cells)) {
                        // Everything up to here belongs to this row or earlier ones, whose bad bytes were taken.
                        StrictUtf8Reader.Malformed malformed = text.takeBefore(csv.currentLocation().getCharOffset());
                        if (header == null) {
                            if (malformed != null) {
                                throw new ImportException("the header row is not valid UTF-8 (bytes " + malformed.bytes()
                                        + "); is the file in another encoding?");
                            }
                            header = headerOf(cells);
                            parser = forHeader.apply(header);
                        } else if (malformed != null) {
                            sink.reject(rowLine, BadRow.notUtf8(malformed));
                        } else {
                            row(rowLine, cells, header.size(), parser, sink);
                        }
                    }
                }
            } catch (JacksonException e) {
                // The tokeniser cannot resynchronise (an unclosed quote swallows the rest of the file),
                // so this row is rejected and reading stops, saying so.
                sink.reject(rowLine, new BadRow("row", "is malformed CSV; the rest of the file was not read",
                        e.getOriginalMessage()));
            }
        }
    }

    private static <T> void row(long line, List<String> cells, int columns, RowParser<String[], T> parser,
                                RowSink<T> sink) {
        sink.parse(line, cells.toArray(String[]::new), row -> {
            if (row.length != columns) {
                throw BadRow.columnCount(row.length, columns);
            }
            return parser.parse(row);
        });
    }

    private static boolean isBlankLine(List<String> cells) {
        return cells.size() == 1 && cells.get(0).isBlank();
    }

    private static List<String> headerOf(List<String> cells) {
        List<String> names = new ArrayList<>(cells.size());
        for (String cell : cells) {
            names.add(cell.trim());
        }
        names.set(0, Cells.withoutByteOrderMark(names.get(0)));
        return List.copyOf(names);
    }

    /** The position of a column the format requires. */
    static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new ImportException("the header has no column '" + name + "'; it has " + header
                    + " (is this the right --format?)");
        }
        return index;
    }
}
