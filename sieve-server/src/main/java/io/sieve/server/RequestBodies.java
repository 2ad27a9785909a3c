package io.sieve.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.sieve.model.FieldError;
import io.sieve.store.Json;
import io.sieve.store.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads JSON request bodies with a size limit, turning every parse or binding failure into a
 * 400 problem that names the field.
 */
final class RequestBodies {
    private final int maxBytes;

    RequestBodies(int maxBytes) {
        this.maxBytes = maxBytes;
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
            throw new UncheckedIOException(e);
        }
    }

    /** A batch: either a JSON array of records or an object {@code {"<name>": [...]}}; never null, nor holding one. */
    <T> List<T> many(Context ctx, Class<T> type, String name) {
        byte[] body = bytes(ctx);
        ObjectReader reader = Json.MAPPER.readerForListOf(type);
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            JsonToken first = p.nextToken();
            List<T> values;
            if (first == JsonToken.START_ARRAY) {
                values = reader.readValue(p);
            } else if (first == JsonToken.START_OBJECT) {
                requireField(p.nextToken() == JsonToken.FIELD_NAME ? p.currentName() : null, name);
                p.nextToken();
                values = reader.readValue(p);
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
            throw new UncheckedIOException(e);
        }
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

    private ProblemException tooLarge() {
        return Problem.of(413, "body-too-large", "Body too large",
                "The body exceeds " + maxBytes + " bytes; split the batch into smaller ones.").toException();
    }
}
