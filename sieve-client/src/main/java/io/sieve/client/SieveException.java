package io.sieve.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A call that failed: the server answered with a status outside 2xx, or no answer came at all.
 * Unchecked, since a caller can rarely do more than log it or fall back (to a cached list, say),
 * and a checked exception on every call would only be wrapped.
 *
 * <p>Sieve answers every error as {@code application/problem+json} (RFC 9457); its fields are parsed
 * into {@link #type()}, {@link #title()}, {@link #detail()} and {@link #errors()}. An answer that is
 * not a problem (a proxy's error page) leaves them null or empty, and its start is in {@link #body()}.
 */
public final class SieveException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The status of a call that got no answer (connection refused, timeout, interrupted). */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final Duration retryAfter;
    private final String body;
    private final int attempts;

    SieveException(String request, int status, Problem problem, Duration retryAfter, String body, int attempts) {
        super(message(request, status, problem, body, attempts));
        this.status = status;
        this.type = problem == null ? null : problem.type();
        this.title = problem == null ? null : problem.title();
        this.detail = problem == null ? null : problem.detail();
        this.errors = problem == null || problem.errors() == null ? List.of() : List.copyOf(problem.errors());
        this.retryAfter = retryAfter;
        this.body = body;
        this.attempts = attempts;
    }

    /** No answer: {@code cause} is the IOException (or InterruptedException) of the last attempt. */
    SieveException(String request, Throwable cause, int attempts) {
        super(request + ": no response after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + cause, cause);
        this.status = NO_RESPONSE;
        this.type = null;
        this.title = null;
        this.detail = null;
        this.errors = List.of();
        this.retryAfter = null;
        this.body = null;
        this.attempts = attempts;
    }

    /** The problem document, as the server sends it; only the client reads it. */
    record Problem(String type, String title, Integer status, String detail, List<FieldError> errors) {
    }

    private static String message(String request, int status, Problem problem, String body, int attempts) {
        StringBuilder m = new StringBuilder(request).append(": HTTP ").append(status);
        if (problem != null) {
            m.append(' ').append(problem.title());
            if (problem.detail() != null) {
                m.append(": ").append(problem.detail());
            }
        } else if (body != null && !body.isBlank()) {
            m.append(": ").append(body);
        }
        if (attempts > 1) {
            m.append(" (after ").append(attempts).append(" attempts)");
        }
        return m.toString();
    }

    /** The HTTP status, or {@link #NO_RESPONSE} when no answer came. */
    public int status() {
        return status;
    }

    /** {@code urn:sieve:problem:<kind>} (validation, not-found, unauthorized, ...): stable, for code to switch on. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** Each refused field and why; empty when the problem names none. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The reason given for {@code field}, if the server named it. */
    public Optional<String> reasonFor(String field) {
        return errors.stream().filter(e -> field.equals(e.field())).map(FieldError::reason).findFirst();
    }

    /** How long the server asked the client to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The start of a body that was not a problem document; null otherwise. */
    public String body() {
        return body;
    }

    /** How many times the request was sent (1 when it was not retried). */
    public int attempts() {
        return attempts;
    }
}
