package io.sieve.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Something a user did to an item. An event is identified by (user, item, type, timestamp to the
 * millisecond): storing the same event twice keeps one copy, which makes imports idempotent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
        String user,
        String item,
        String type,
        Double value,
        @JsonDeserialize(using = FlexibleInstantDeserializer.class) Instant timestamp,
        String requestId,
        String surface) {

    /** How far ahead of this machine's clock a sender's clock may run. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    public static Event of(String user, String item, String type, Instant timestamp) {
        return new Event(user, item, type, null, timestamp, null, null);
    }

    /** The same event stamped with {@code now} when the sender gave no time. */
    public Event withTimestampIfMissing(Instant now) {
        return timestamp != null ? this : new Event(user, item, type, value, now, requestId, surface);
    }

    public List<FieldError> validate(EventTypes types) {
        List<FieldError> errors = new ArrayList<>();
        Ids.check("user", user, errors);
        Ids.check("item", item, errors);
        if (type == null || type.isBlank()) {
            errors.add(new FieldError("type", "is required"));
        } else if (!types.contains(type)) {
            errors.add(new FieldError("type", "'" + type + "' is not a configured event type; known: " + types.names()));
        }
        if (value != null && (value.isNaN() || value.isInfinite())) {
            errors.add(new FieldError("value", "must be a finite number"));
        }
        if (timestamp == null) {
            errors.add(new FieldError("timestamp", "is required"));
        } else if (timestamp.isBefore(Instant.EPOCH)) {
            errors.add(new FieldError("timestamp", "is before 1970-01-01"));
        } else if (timestamp.isAfter(Instant.now().plus(MAX_CLOCK_SKEW))) {
            // A future event would skew trending and stay invisible to the seen filter until then.
            errors.add(new FieldError("timestamp", "is more than a day in the future"
                    + (timestamp.getEpochSecond() > 100_000_000_000L ? " (epoch milliseconds given as seconds?)" : "")));
        }
        checkLength("requestId", requestId, errors);
        checkLength("surface", surface, errors);
        return errors;
    }

    private static void checkLength(String field, String value, List<FieldError> errors) {
        if (value != null && value.length() > Ids.MAX_LENGTH) {
            errors.add(new FieldError(field, "is longer than " + Ids.MAX_LENGTH + " characters"));
        }
    }
}
