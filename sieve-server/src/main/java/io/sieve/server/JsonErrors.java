package io.sieve.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.sieve.model.FieldError;
import io.sieve.store.JsonProblems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains why Jackson refused a request body in the client's terms: the field (as a path such as
 * {@code events[3].type}), what was expected there, and the line and column of the document.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    /**
     * @param root name given to a top-level array (e.g. "events"), so that batch paths read
     *             {@code events[3].type}; empty for single objects
     */
    static Problem problem(JsonProcessingException e, String root) {
        String where = where(e.getLocation());
        if (e instanceof UnrecognizedPropertyException u) {
            String field = field(root, JsonProblems.path(u));
            return Problem.of(400, "unknown-field", "Unknown field",
                    "Unknown field '" + u.getPropertyName() + "'" + where + ".")
                    .withErrors(List.of(new FieldError(field, JsonProblems.unknownField(u))));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String field = field(root, JsonProblems.path(m));
            // The value goes in the detail only: the reason stays the one the importer gives.
            String reason = JsonProblems.expected(m.getTargetType());
            String value = m instanceof InvalidFormatException f ? ", not '" + f.getValue() + "'" : "";
            return Problem.of(400, "wrong-type", "Wrong type", "Field '" + field + "' " + reason + value + where + ".")
                    .withErrors(List.of(new FieldError(field, reason)));
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof StreamReadException syntax) {
            return malformed(syntax, root, JsonProblems.path(m));
        }
        if (e instanceof JsonMappingException m) {
            String field = field(root, JsonProblems.path(m));
            String reason = firstLine(m.getCause() != null && m.getCause().getMessage() != null
                    ? m.getCause().getMessage() : m.getOriginalMessage());
            return Problem.of(400, "invalid-value", "Invalid value", "Field '" + field + "': " + reason + where + ".")
                    .withErrors(List.of(new FieldError(field, reason)));
        }
        return malformed(e, root, "");
    }

    /**
     * Broken syntax. The parser knows where it was (down to the field); a binding path, when
     * syntax broke during binding, may stop at the enclosing record.
     */
    private static Problem malformed(JsonProcessingException e, String root, String bindingPath) {
        String parserPath = e instanceof StreamReadException s && s.getProcessor() instanceof JsonParser p
                ? path(p.getParsingContext())
                : "";
        String field = field(root, parserPath.length() >= bindingPath.length() ? parserPath : bindingPath);
        String reason = firstLine(e.getOriginalMessage());
        return Problem.of(400, "malformed-json", "Malformed JSON",
                        "The body is not valid JSON" + where(e.getLocation()) + ": " + reason)
                .withErrors(List.of(new FieldError(field, reason)));
    }

    /**
     * Bytes Jackson cannot even decode into characters (it guesses UTF-16 or UTF-32 from the first
     * bytes and finds them impossible); reading a body already in memory fails for no other reason.
     */
    static Problem undecodable(IOException e) {
        String reason = "is not JSON text in UTF-8";
        return Problem.of(400, "malformed-json", "Malformed JSON", "The body " + reason + ": " + firstLine(e.getMessage()))
                .withErrors(List.of(new FieldError("body", reason)));
    }

    /** Batch paths start with an index; prefixing the collection name makes them self-explaining. */
    static String field(String root, String path) {
        if (path.isEmpty()) {
            return root.isEmpty() ? "body" : root;
        }
        return path.startsWith("[") ? root + path : path;
    }

    /** The path of the value being parsed when the syntax broke, outermost first. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            sb.append(sb.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return sb.toString();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("").trim();
    }
}
