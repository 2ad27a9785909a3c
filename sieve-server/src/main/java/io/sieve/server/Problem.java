package io.sieve.server;

import io.sieve.model.FieldError;
import java.util.List;

/**
 * An error response in the shape of RFC 9457 (application/problem+json). {@code errors} is always
 * present, so a client can read field errors without first checking whether there are any.
 *
 * @param type a URN naming the kind of problem, stable for clients to switch on
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem("urn:sieve:problem:" + kind, title, status, detail, List.of());
    }

    /** A 400 for a request whose fields broke the rules; the detail summarises the first few. */
    public static Problem invalid(List<FieldError> errors) {
        String summary = errors.stream().limit(3).map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse("");
        String more = errors.size() > 3 ? " (and " + (errors.size() - 3) + " more)" : "";
        return new Problem("urn:sieve:problem:validation", "Invalid request", 400, summary + more, errors);
    }

    public static Problem invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    /** A problem named after its status ({@code http-414}, "URI Too Long"), for refusals with no kind of their own. */
    public static Problem ofStatus(int status, String detail) {
        return of(status, "http-" + status, org.eclipse.jetty.http.HttpStatus.getMessage(status), detail);
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }

    /** Thrown by route handlers; {@link ProblemHandler} turns it into the response. */
    public ProblemException toException() {
        return new ProblemException(this);
    }
}
