package io.sieve.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.sieve.store.Json;
import io.sieve.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into an application/problem+json response, so clients parse one error shape. */
final class ProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** The client gets no stack trace (it may reveal internals); the log gets all of it. */
    static final Problem INTERNAL = Problem.of(500, "internal", "Internal server error",
            "The server failed to handle the request; the error is in the server log.");

    private ProblemHandler() {
    }

    static void install(Javalin app) {
        app.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem()));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        // The store is down or failing (a database restarting, a disk full): the request was fine,
        // and nothing of it was acknowledged, so the client may send it again.
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("store failure in {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "5");
            write(ctx, Problem.of(503, "store-unavailable", "Store unavailable",
                    "The store could not be reached, so nothing was accepted; send the request again later."));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error in {} {}", ctx.method(), ctx.path(), e);
            write(ctx, INTERNAL);
        });
    }

    static void write(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(bytes(problem));
    }

    static byte[] bytes(Problem problem) {
        try {
            return Json.MAPPER.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem could not be serialised", e);
        }
    }

    /** Javalin's own refusals: no such route, wrong method, and the like. */
    private static Problem fromJavalin(HttpResponseException e, Context ctx) {
        String request = ctx.method() + " " + ctx.path();
        return switch (e.getStatus()) {
            case 404 -> Problem.notFound("No route matches " + request + "; GET /openapi.json lists the API.");
            case 405 -> {
                // Javalin keys the list differently for HTML and non-HTML clients; it is the only detail.
                String allowed = e.getDetails().values().stream().findFirst().orElse("");
                ctx.header("Allow", allowed);
                yield Problem.of(405, "method-not-allowed", "Method not allowed",
                        request + " is not supported; this path accepts " + allowed + ".");
            }
            default -> Problem.ofStatus(e.getStatus(), e.getMessage());
        };
    }
}
