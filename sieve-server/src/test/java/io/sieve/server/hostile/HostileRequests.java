package io.sieve.server.hostile;

import io.sieve.store.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends generated hostile requests to a running Sieve server and tallies the answers. A server that
 * holds answers every one of them with a status below 500, and every error as
 * application/problem+json whose {@code status} matches the response's. Used by the in-process test
 * and, against the shaded jar, by the reliability suite.
 */
public final class HostileRequests {
    /** Examples kept per kind of failure, enough to start debugging without flooding a report. */
    private static final int EXAMPLES = 20;
    private static final int TIMEOUT_MILLIS = 15_000;

    /**
     * What the server did with the requests.
     *
     * @param byStatus       responses per status code; 0 counts requests that got no readable response
     *                       (the server closed the connection, which is a fair answer to garbage)
     * @param serverErrors   examples of 5xx responses
     * @param notProblemJson examples of error responses that were not a well-formed problem+json
     */
    public record Tally(int sent, Map<Integer, Integer> byStatus, int serverErrorCount, List<String> serverErrors,
                        int notProblemJsonCount, List<String> notProblemJson, List<String> unanswered) {
        public int unansweredCount() {
            return byStatus.getOrDefault(0, 0);
        }

        @Override
        public String toString() {
            return "sent " + sent + ", by status " + byStatus + "; 5xx: " + serverErrorCount + " " + serverErrors
                    + "; not problem+json: " + notProblemJsonCount + " " + notProblemJson
                    + "; unanswered (examples): " + unanswered;
        }
    }

    private HostileRequests() {
    }

    public static Tally run(String host, int port, long seed, int count) {
        HostileRequestGenerator generator = new HostileRequestGenerator(seed);
        RawExchange exchange = new RawExchange(host, port, TIMEOUT_MILLIS);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblem = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        int serverErrorCount = 0;
        int notProblemCount = 0;
        for (int i = 0; i < count; i++) {
            HostileRequestGenerator.HostileRequest request = generator.next();
            RawExchange.Response response = exchange.send(request.bytes());
            byStatus.merge(response.status(), 1, Integer::sum);
            String example = "#" + i + " " + request.description() + " -> " + response.status();
            if (response.status() == 0) {
                keep(unanswered, example + " (" + response.failure() + ")");
            }
            if (response.status() >= 500) {
                serverErrorCount++;
                keep(serverErrors, example + " " + preview(response.body()));
            }
            if (response.status() >= 400 && !isProblem(response, request)) {
                notProblemCount++;
                keep(notProblem, example + " " + response.header("content-type") + " " + preview(response.body()));
            }
        }
        return new Tally(count, byStatus, serverErrorCount, serverErrors, notProblemCount, notProblem, unanswered);
    }

    /** The content type and, except for HEAD (which has no body), a JSON body naming the same status. */
    private static boolean isProblem(RawExchange.Response response, HostileRequestGenerator.HostileRequest request) {
        if (!response.header("content-type").startsWith("application/problem+json")) {
            return false;
        }
        if (request.method().equals("HEAD")) {
            return true;
        }
        try {
            return Json.MAPPER.readTree(response.body()).path("status").asInt() == response.status();
        } catch (IOException e) {
            return false;
        }
    }

    private static void keep(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example.length() > 400 ? example.substring(0, 400) + "…" : example);
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace('\n', ' ');
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
