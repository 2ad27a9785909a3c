package io.sieve.ingest;

import io.sieve.model.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Typed values out of text cells; a value that does not parse rejects its row, naming the field. */
final class Cells {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Cells() {
    }

    /** Splits on a literal delimiter and insists on the column count, so a shifted row is caught. */
    static String[] split(String line, String delimiter, int columns) throws BadRow {
        List<String> cells = new ArrayList<>(columns);
        int from = 0;
        for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, from)) {
            cells.add(line.substring(from, at));
            from = at + delimiter.length();
        }
        cells.add(line.substring(from));
        if (cells.size() != columns) {
            throw BadRow.columnCount(cells.size(), columns);
        }
        return cells.toArray(String[]::new);
    }

    static int integer(String text, String field) throws BadRow {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRow(field, "is not a whole number", quoted(text));
        }
    }

    static double number(String text, String field) throws BadRow {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRow(field, "is not a number", quoted(text));
        }
    }

    /** Whole epoch seconds, read by the same rules as a JSON timestamp, so both refuse the same values. */
    static Instant epochSeconds(String text, String field) throws BadRow {
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRow(field, "is not a number of epoch seconds", quoted(text));
        }
        try {
            return Timestamps.fromEpochSeconds(BigDecimal.valueOf(seconds));
        } catch (IllegalArgumentException e) {
            throw new BadRow(field, "is out of range", quoted(text));
        }
    }

    static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    static String quoted(String text) {
        return "'" + text + "'";
    }
}
