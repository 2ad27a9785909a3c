package io.sieve.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to send a failed request again, and after how long.
 *
 * <p>The n-th retry waits {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}, with "equal
 * jitter": half of it fixed, the other half drawn from ThreadLocalRandom, so that clients that
 * failed together do not all come back at the same moment, yet none comes back at once. A
 * {@code Retry-After} from the server replaces the computed wait (it knows when it will be
 * ready), capped by {@code maxBackoff} so that one answer cannot stall a caller for minutes.
 */
record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must not be negative");
        }
    }

    /**
     * Whether a status is worth sending again. 503 (Sieve's store is unavailable, "nothing was
     * accepted"; or a proxy with no upstream) and 429 (a proxy's rate limit; Sieve has none itself)
     * say the request was not handled, so any operation may be resent. 502 and 504 come from a proxy
     * that may have passed the request on, so only idempotent operations are.
     */
    static boolean retriable(int status, Operation operation) {
        return switch (status) {
            case 429, 503 -> true;
            case 502, 504 -> operation.idempotent;
            default -> false;
        };
    }

    /** The wait before retry {@code retry} (1 for the first). */
    Duration delay(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        long cap = maxBackoff.toMillis();
        long backoff = Math.min(initialBackoff.toMillis(), cap);
        for (int i = 1; i < retry && backoff < cap; i++) {
            backoff = backoff > cap / 2 ? cap : backoff * 2; // doubled, never past the cap (nor overflowing)
        }
        long half = backoff / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(backoff - half + 1));
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
