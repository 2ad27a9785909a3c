package io.sieve.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidationTest {
    private final EventTypes types = ConfigLoader.defaults().types();

    private List<FieldError> errors(Event e) {
        return e.validate(types);
    }

    @Test
    void timestampsFromTheFutureAreRefusedWithAHintForMilliseconds() {
        Instant millisAsSeconds = Timestamps.parse(String.valueOf(System.currentTimeMillis()));
        List<FieldError> e = errors(Event.of("u", "i", "view", millisAsSeconds));
        assertEquals("timestamp", e.get(0).field());
        assertTrue(e.get(0).reason().contains("epoch milliseconds given as seconds?"), e.toString());
        assertTrue(errors(Event.of("u", "i", "view", Instant.now().plusSeconds(60))).isEmpty(),
                "a little clock skew is tolerated");
        assertEquals("is before 1970-01-01", errors(Event.of("u", "i", "view", Instant.ofEpochSecond(-5))).get(0).reason());
    }

    @Test
    void absurdNumbersAreAnInputErrorNotACrash() {
        assertThrows(IllegalArgumentException.class, () -> Timestamps.fromEpochSeconds(new BigDecimal("1e17")));
        // Representable as an instant but not in milliseconds: validation must refuse it before the store sees it.
        Event farFuture = Event.of("u", "i", "view", Timestamps.fromEpochSeconds(new BigDecimal("1e16")));
        assertEquals("timestamp", errors(farFuture).get(0).field());
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("99999999999999999999"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 500_000_000), Timestamps.parse("1700000000.5"));
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), Timestamps.parse("2024-05-01"));
    }

    @Test
    void longFreeTextIsBounded() {
        String tooLong = "x".repeat(Ids.MAX_LENGTH + 1);
        Event e = new Event("u", "i", "view", null, Instant.now(), tooLong, tooLong);
        assertEquals(List.of("requestId", "surface"), errors(e).stream().map(FieldError::field).toList());
        User user = new User("u", java.util.Map.of("country", "y".repeat(2000)));
        assertEquals("attributes.country", user.validate().get(0).field());
    }
}
