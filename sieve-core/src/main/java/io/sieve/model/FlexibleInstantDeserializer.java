package io.sieve.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Instant;

/** Reads a timestamp given as ISO-8601 text or epoch seconds (number or numeric text). */
public final class FlexibleInstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        JsonToken token = p.currentToken();
        try {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return Timestamps.fromEpochSeconds(p.getDecimalValue());
            }
            if (token == JsonToken.VALUE_STRING) {
                return Timestamps.parse(p.getText());
            }
        } catch (IllegalArgumentException e) {
            return (Instant) ctx.handleWeirdStringValue(Instant.class, p.getText(), e.getMessage());
        }
        return (Instant) ctx.handleUnexpectedToken(Instant.class, p);
    }
}
