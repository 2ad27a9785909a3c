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
import io.sieve.store.JsonProblems;
import java.io.IOException;

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
            throw new BadRow(field(e), JsonProblems.unknownField(e), null);
        } catch (InvalidFormatException e) {
            throw new BadRow(field(e), JsonProblems.expected(e.getTargetType()), "got " + Cells.quoted(String.valueOf(e.getValue())));
        } catch (MismatchedInputException e) {
            throw new BadRow(field(e), JsonProblems.expected(e.getTargetType()), null);
        } catch (JsonMappingException e) {
            // e.g. a null inside a list, which the record's constructor refuses
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BadRow(field(e), "cannot be turned into " + type.getSimpleName(), cause.toString());
        } catch (IOException e) {
            // reading a tree in memory does no I/O; this is some other binding failure
            throw new BadRow("row", "cannot be read", e.getMessage());
        }
    }

    /** The field as a path; "row" for the whole record, which is how the import report names it. */
    private static String field(JsonMappingException e) {
        String path = JsonProblems.path(e);
        return path.isEmpty() ? "row" : path;
    }
}
