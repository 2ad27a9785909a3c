package io.sieve.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Sends one operation's request, with retries (see {@link RetryPolicy}), and turns any answer the
 * caller did not expect into a {@link SieveException}.
 */
final class Transport {
    /** How much of a body that is not a problem document an exception keeps: enough to recognise it. */
    private static final int BODY_EXCERPT = 500;

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final ObjectMapper json;

    Transport(URI base, String apiKey, Duration timeout, RetryPolicy retry, HttpClient http, ObjectMapper json) {
        this.base = base;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.timeout = timeout;
        this.retry = retry;
        this.http = http;
        this.json = json;
    }

    /** A 2xx answer, or one whose status the caller said it handles itself. */
    record Answer(int status, byte[] body) {
    }

    /**
     * Sends the request until it gets an answer that is not worth retrying or the retries run out.
     *
     * @param handled statuses returned to the caller as answers (404 for a lookup), never retried or thrown
     */
    Answer send(Operation op, List<String> pathValues, Query query, Object body, Set<Integer> handled) {
        HttpRequest request = request(op, op.uri(base, pathValues, query == null ? "" : query.encoded()), body);
        String name = op.method + " " + request.uri().getRawPath();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt > retry.maxRetries();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // A refused or timed-out connection sent nothing, so even a non-idempotent call may go again.
                boolean unsent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
                if (last || !(unsent || op.idempotent)) {
                    throw new SieveException(name, e, attempt);
                }
                pause(name, retry.delay(attempt, null), attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SieveException(name, e, attempt);
            }
            int status = response.statusCode();
            if (status / 100 == 2 || handled.contains(status)) {
                return new Answer(status, response.body());
            }
            Duration retryAfter = RetryPolicy.retryAfter(response.headers());
            if (last || !RetryPolicy.retriable(status, op)) {
                throw failure(name, response, retryAfter, attempt);
            }
            pause(name, retry.delay(attempt, retryAfter), attempt);
        }
    }

    private HttpRequest request(Operation op, URI uri, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "sieve-java-client");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body == null) {
            b.method(op.method, HttpRequest.BodyPublishers.noBody());
        } else {
            // Sieve refuses a body sent as anything but application/json (415): browsers' cross-site forms cannot send it.
            b.header("Content-Type", "application/json").method(op.method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        return b.build();
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void pause(String name, Duration wait, int attempt) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SieveException(name, e, attempt);
        }
    }

    /** The problem document when the body is one; otherwise the start of whatever came (a proxy's page). */
    private SieveException failure(String name, HttpResponse<byte[]> response, Duration retryAfter, int attempts) {
        SieveException.Problem problem = null;
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("json")) {
            try {
                problem = json.readValue(response.body(), SieveException.Problem.class);
            } catch (IOException notAProblem) {
                // reported as text below
            }
        }
        String text = null;
        if (problem == null || problem.title() == null) {
            problem = null;
            text = new String(response.body(), StandardCharsets.UTF_8);
            text = text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) + "..." : text;
        }
        return new SieveException(name, response.statusCode(), problem, retryAfter, text, attempts);
    }
}
