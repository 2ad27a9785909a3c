package io.sieve.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.sieve.store.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds JSON to a model record with the API's own strict mapper, and turns Jackson's failures
 * into a field and a reason a person can act on.
 */
final class RecordBinder<T> {
    private static final ObjectReader TREE = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Class<T> type;
    private final ObjectReader reader;

    RecordBinder(Class<T> type) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type);
    }

    /** One JSON object as text: syntax errors are told apart from records with bad fields. */
    T fromJson(String text) throws BadRow {
        JsonNode node;
        try {
            node = TREE.readTree(text);
        } catch (JacksonException e) {
            throw new BadRow("row", "is not valid JSON", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRow("row", "is not a JSON object", null);
        }
        return fromTree(node);
    }

    T fromTree(JsonNode node) throws BadRow {
        try {
            return reader.readValue(node);
        } catch (UnrecognizedPropertyException e) {
            throw new BadRow(path(e), "is not a field of " + type.getSimpleName() + "; known: "
                    + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()), null);
        } catch (InvalidFormatException e) {
            throw new BadRow(path(e), expected(e.getTargetType()), "got " + Cells.quoted(String.valueOf(e.getValue())));
        } catch (MismatchedInputException e) {
            throw new BadRow(path(e), expected(e.getTargetType()), null);
        } catch (JsonMappingException e) {
            // e.g. a null inside a list, which the record's constructor refuses
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BadRow(path(e), "cannot be turned into " + type.getSimpleName(), cause.toString());
        } catch (IOException e) {
            // reading a tree in memory does no I/O; this is some other binding failure
            throw new BadRow("row", "cannot be read", e.getMessage());
        }
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        } else if (target == Instant.class) {
            return "must be ISO-8601 or epoch seconds";
        } else if (Number.class.isAssignableFrom(target) || target == double.class) {
            return "must be a number";
        } else if (target == Boolean.class) {
            return "must be true or false";
        } else if (target == String.class) {
            return "must be text";
        } else if (Collection.class.isAssignableFrom(target)) {
            return "must be a list";
        } else if (Map.class.isAssignableFrom(target)) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /** The field as a path, e.g. {@code attributes.size} or {@code tags[2]}; "row" for the whole record. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "row" : sb.toString();
    }
}
