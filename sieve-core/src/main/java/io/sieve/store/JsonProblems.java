package io.sieve.store;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * How a record that {@link Json#MAPPER} refused is explained. The HTTP API and the importer both
 * use it, so the same mistake reads the same in a 400 response and in an import report.
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    /** The field as a path, e.g. {@code attributes.size} or {@code tags[2]}; empty for the whole document. */
    public static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * What a value bound to {@code type} must be, in JSON's terms rather than Java's, e.g.
     * "must be a number". Free of the offending value, so that rejections can be grouped by it.
     */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        } else if (type == String.class) {
            return "must be a string";
        } else if (Number.class.isAssignableFrom(type) || type == double.class || type == int.class || type == long.class) {
            return "must be a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        } else if (type == Instant.class) {
            return "must be an ISO-8601 time or epoch seconds";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /** Why an unknown field was refused, listing the fields the record has. */
    public static String unknownField(UnrecognizedPropertyException e) {
        return "is not a field of " + e.getReferringClass().getSimpleName() + "; known fields are "
                + e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
    }
}
