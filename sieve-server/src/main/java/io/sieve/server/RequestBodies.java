package io.sieve.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.sieve.config.SieveConfig;
import io.sieve.model.FieldError;
import io.sieve.store.Json;
import io.sieve.store.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads JSON request bodies within the configured limits, turning every parse or binding failure
 * into a 400 problem that names the field. A body must be sent as {@code application/json}: a
 * browser sends {@code text/plain} and form posts to any site without asking first, so accepting
 * them would let any web page the user opens write to a local server.
 */
final class RequestBodies {
    private static final String JSON = "application/json";

    private final int maxBytes;
    private final int maxBatch;

    RequestBodies(SieveConfig.LimitsConfig limits) {
        this.maxBytes = limits.bodyBytes();
        this.maxBatch = limits.batchSize();
    }

    /** A body holding one JSON object. */
    <T> T one(Context ctx, Class<T> type) {
        byte[] body = bytes(ctx);
        try {
            T value = Json.MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
            if (value == null) {
                throw Problem.invalid("body", JsonProblems.expected(type) + ", not null").toException();
            }
            return value;
        } catch (JsonProcessingException e) {
            throw JsonErrors.problem(e, "").toException();
        } catch (IOException e) {
            throw JsonErrors.undecodable(e).toException();
        }
    }

    /**
     * A batch: either a JSON array of records or an object {@code {"<name>": [...]}}; never null, nor
     * holding one, nor longer than the batch limit.
     */
    <T> List<T> many(Context ctx, Class<T> type, String name) {
        byte[] body = bytes(ctx);
        ObjectReader reader = Json.MAPPER.readerFor(type);
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            JsonToken first = p.nextToken();
            List<T> values;
            if (first == JsonToken.START_ARRAY) {
                values = elements(p, reader, name);
            } else if (first == JsonToken.START_OBJECT) {
                requireField(p.nextToken() == JsonToken.FIELD_NAME ? p.currentName() : null, name);
                values = p.nextToken() == JsonToken.VALUE_NULL ? null : elements(p, reader, name);
                if (p.nextToken() != JsonToken.END_OBJECT) {
                    requireField(p.currentName(), name);
                }
            } else {
                throw Problem.invalid("body", "must be a JSON array of " + name + " or {\"" + name + "\": [...]}").toException();
            }
            if (p.nextToken() != null) {
                throw Problem.invalid("body", "has content after the end of the batch").toException();
            }
            return withoutNulls(values, type, name);
        } catch (JsonProcessingException e) {
            throw JsonErrors.problem(e, name).toException();
        } catch (IOException e) {
            throw JsonErrors.undecodable(e).toException();
        }
    }

    /**
     * Binds the array's records one at a time, so that a batch over the limit is refused at its
     * first extra record instead of after all of them were built.
     */
    private <T> List<T> elements(JsonParser p, ObjectReader reader, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw Problem.invalid(name, "must be a JSON array").toException();
        }
        List<T> values = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (values.size() == maxBatch) {
                throw Problem.of(413, "batch-too-large", "Batch too large",
                                "A batch may hold at most " + maxBatch + " " + name + "; split it into smaller ones.")
                        .withErrors(List.of(new FieldError(name, "holds more than " + maxBatch + " records")))
                        .toException();
            }
            try {
                values.add(token == JsonToken.VALUE_NULL ? null : reader.readValue(p));
            } catch (JsonMappingException e) {
                // The path then reads [3].type, as when the whole list is bound at once.
                e.prependPath(values, values.size());
                throw e;
            }
        }
        return values;
    }

    /** JSON null binds to a null list or element; refusing it here spares every route a null check. */
    private static <T> List<T> withoutNulls(List<T> values, Class<T> type, String name) {
        if (values == null) {
            throw Problem.invalid(name, JsonProblems.expected(List.class) + ", not null").toException();
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                errors.add(new FieldError(name + "[" + i + "]", JsonProblems.expected(type) + ", not null"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).toException();
        }
        return values;
    }

    /**
     * Validates every record of a batch and refuses the whole batch, naming each bad record by its
     * index, when any is invalid: a batch is stored entirely or not at all.
     */
    static <T> void check(String name, List<T> records, Function<T, List<FieldError>> rules) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String at = name + "[" + i + "]";
            for (FieldError e : rules.apply(records.get(i))) {
                errors.add(new FieldError(at + "." + e.field(), e.reason()));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).toException();
        }
    }

    private static void requireField(String found, String name) {
        if (found == null) {
            throw Problem.invalid("body", "must be a JSON array of " + name + " or {\"" + name + "\": [...]}").toException();
        }
        if (!found.equals(name)) {
            throw Problem.of(400, "unknown-field", "Unknown field", "Unknown field '" + found + "'.")
                    .withErrors(List.of(new FieldError(found, "is not a known field; the only field is '" + name + "'")))
                    .toException();
        }
    }

    /** Reads at most one byte past the limit, so an oversized body costs no more than the limit. */
    private byte[] bytes(Context ctx) {
        requireJson(ctx.contentType());
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            if (body.length == 0) {
                throw Problem.invalid("body", "is empty; a JSON body is required").toException();
            }
            return body;
        } catch (IOException e) {
            // The client stopped sending or went silent: its fault, not the server's, so no 500.
            throw Problem.of(400, "body-unreadable", "Body not received",
                    "The request body could not be read to its end: " + e.getMessage()).toException();
        }
    }

    /** application/json, with no charset or UTF-8 (RFC 8259 knows no other). */
    private static void requireJson(String contentType) {
        String[] parts = (contentType == null ? "" : contentType).split(";", -1);
        boolean json = parts[0].trim().equalsIgnoreCase(JSON);
        for (int i = 1; i < parts.length && json; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                json = parameter.length == 2 && parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            String given = contentType == null || contentType.isBlank() ? "none" : "'" + contentType + "'";
            throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
                            "The body must be JSON sent with 'Content-Type: application/json'; the request's is " + given + ".")
                    .withErrors(List.of(new FieldError("Content-Type", "must be application/json, not " + given)))
                    .toException();
        }
    }

    private ProblemException tooLarge() {
        return Problem.of(413, "body-too-large", "Body too large",
                        "The body exceeds " + maxBytes + " bytes; split the batch into smaller ones.")
                .withErrors(List.of(new FieldError("body", "is larger than " + maxBytes + " bytes")))
                .toException();
    }
}
