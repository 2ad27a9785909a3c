package io.sieve.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The two timestamp forms every input accepts: ISO-8601 and epoch seconds. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Parses ISO-8601 (instant, offset date-time, or a plain date at UTC midnight) or epoch seconds. */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-') && s.indexOf('-', 1) < 0) {
            try {
                return fromEpochSeconds(new BigDecimal(s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number of epoch seconds");
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // fall through to the looser forms
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither ISO-8601 nor epoch seconds");
        }
    }

    /** @throws IllegalArgumentException when the number is beyond what an instant can hold */
    public static Instant fromEpochSeconds(BigDecimal seconds) {
        try {
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + seconds.toPlainString() + "' epoch seconds is out of range");
        }
    }
}
