package io.sieve.server;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own error answers as problem+json instead of HTML pages: requests its parser refuses
 * before any route sees them (a URI or headers too large, broken framing, illegal characters) and
 * failures that escape the routes. Whatever the client's Accept header says, errors have one shape.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);
    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);

    /** Requests Jetty could not parse: no route ran, so only the status and Jetty's reason are known. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(CONTENT_TYPE);
        return ByteBuffer.wrap(ProblemHandler.bytes(Problem.ofStatus(status, describe(status, reason))));
    }

    /** Failures after parsing that Javalin did not answer itself. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus();
        Problem problem;
        if (status >= 500) {
            LOG.error("unhandled failure in {} {}", request.getMethod(), request.getRequestURI(),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            problem = ProblemHandler.INTERNAL;
        } else {
            problem = Problem.ofStatus(status, describe(status, (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE)));
        }
        response.setContentType(Problem.CONTENT_TYPE);
        response.getOutputStream().write(ProblemHandler.bytes(problem));
        baseRequest.setHandled(true);
    }

    /** Every method gets a body; Jetty's default gives one only to GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    private static String describe(int status, String reason) {
        return switch (status) {
            case 414 -> "The request target (path and query) is longer than the server accepts.";
            case 431 -> "The request's headers are larger than the server accepts.";
            default -> "The request is not valid HTTP" + (reason == null || reason.isBlank() ? "." : ": " + reason + ".");
        };
    }
}
