package io.sieve.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CSV whose header names the record's JSON fields. Each row becomes the JSON object the API would
 * take and is bound like a JSON Lines row, so both formats accept and refuse exactly the same
 * records. Conventions: an empty cell is an absent field; list fields hold '|'-separated values;
 * attributes are columns named {@code attributes.<key>}.
 */
final class CsvRecordReader<T> implements RowReader<T> {
    private static final Set<String> LIST_FIELDS = Set.of("categories", "tags");
    private static final String ATTRIBUTE_PREFIX = "attributes.";
    /** Canonical numbers only: "007" stays text, so zip codes and ids keep their leading zeros. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RecordBinder<T> binder;

    CsvRecordReader(Class<T> type) {
        this.binder = new RecordBinder<>(type);
    }

    @Override
    public void read(InputStream in, RowSink<T> sink) throws IOException {
        CsvRows.read(in, sink, header -> cells -> binder.fromTree(toJson(header, cells)));
    }

    private static ObjectNode toJson(List<String> header, String[] cells) throws BadRow {
        ObjectNode record = NODES.objectNode();
        ObjectNode attributes = null;
        for (int c = 0; c < cells.length; c++) {
            String column = header.get(c);
            String cell = cells[c];
            if (column.equals("attributes")) {
                throw new BadRow("attributes", "cannot be one CSV column; use one column per attribute, named "
                        + ATTRIBUTE_PREFIX + "<key>", null);
            }
            if (cell.isEmpty()) {
                continue;
            }
            if (column.startsWith(ATTRIBUTE_PREFIX)) {
                attributes = attributes != null ? attributes : record.putObject("attributes");
                attributes.set(column.substring(ATTRIBUTE_PREFIX.length()), attributeValue(cell));
            } else if (LIST_FIELDS.contains(column)) {
                record.set(column, list(cell));
            } else {
                record.put(column, cell);
            }
        }
        return record;
    }

    private static ArrayNode list(String cell) {
        ArrayNode list = NODES.arrayNode();
        for (String element : cell.split("\\|", -1)) {
            list.add(element.trim());
        }
        return list;
    }

    /** CSV has no types, so attribute cells that read as booleans or numbers become them, as in JSON. */
    private static JsonNode attributeValue(String cell) {
        if (cell.equals("true") || cell.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(cell));
        }
        if (!NUMBER.matcher(cell).matches()) {
            return NODES.textNode(cell);
        }
        BigDecimal number = new BigDecimal(cell);
        if (cell.chars().anyMatch(ch -> ch == '.' || ch == 'e' || ch == 'E')) {
            return NODES.numberNode(number.doubleValue());
        }
        try {
            long whole = number.longValueExact();
            return whole == (int) whole ? NODES.numberNode((int) whole) : NODES.numberNode(whole);
        } catch (ArithmeticException tooLong) {
            return NODES.textNode(cell);
        }
    }
}
