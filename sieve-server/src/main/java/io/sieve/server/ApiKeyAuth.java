package io.sieve.server;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.sieve.config.ConfigException;
import io.sieve.config.SieveConfig;
import io.sieve.model.FieldError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code Authorization: Bearer <key>} of each request against the scope its route
 * declares. With no keys configured every route is open. Routes without a scope (health, readiness,
 * the OpenAPI document) are always open. A missing or unknown key is a 401 with a
 * {@code WWW-Authenticate} challenge; a known key without the scope is a 403 naming the scope.
 */
final class ApiKeyAuth {
    private static final String BEARER = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"sieve\"";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuth.class);

    private final ApiKeys keys;
    private final boolean openRead;

    ApiKeyAuth(ApiKeys keys, boolean openRead) {
        this.keys = keys;
        this.openRead = openRead;
    }

    /**
     * The server's guard, from the configuration and the environment that holds {@code keyEnv}
     * secrets. Says at start whether the API is open; refuses to open it to the network.
     *
     * @throws ConfigException when a secret is missing, or when {@code host} is reachable from other
     *                         machines, no key is configured, and security.allowUnauthenticatedRemote is off
     */
    static ApiKeyAuth forServer(SieveConfig.SecurityConfig security, String host, Map<String, String> env) {
        ApiKeys keys = ApiKeys.from(security, env);
        if (!keys.isEmpty()) {
            LOG.info("API keys required: {} key(s) configured ({}); recommendations, similar items, search and metrics {}",
                    keys.names().size(), String.join(", ", keys.names()),
                    security.openRead() ? "are open to all (security.openRead)" : "need the 'read' scope");
        } else if (isLoopback(host)) {
            LOG.warn("no API keys configured (security.keys): every endpoint is open to any program on this machine");
        } else if (security.allowUnauthenticatedRemote()) {
            LOG.warn("no API keys configured (security.keys) and bound to {}: every endpoint is open to anyone who can reach it "
                    + "(security.allowUnauthenticatedRemote)", host);
        } else {
            throw new ConfigException(List.of("server.host: '" + host + "' can be reached from other machines, but no API key "
                    + "is configured, so anyone could change the data; configure security.keys (docs/SECURITY.md), bind "
                    + "127.0.0.1, or set security.allowUnauthenticatedRemote: true to serve openly"));
        }
        return new ApiKeyAuth(keys, security.openRead());
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(List.of("server.host: '" + host + "' is not a known host name or address"));
        }
    }

    /** A Javalin before-matched handler: it runs only for requests that reach a route. */
    void check(Context ctx) {
        Optional<Scope> needed = ctx.routeRoles().stream().filter(Scope.class::isInstance).map(Scope.class::cast).findFirst();
        if (keys.isEmpty() || needed.isEmpty() || needed.get() == Scope.READ && openRead) {
            return;
        }
        String scope = needed.get().label();
        String authorization = ctx.header(Header.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized(ctx, CHALLENGE, "is required: an API key with the '" + scope + "' scope, as 'Bearer <key>'");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized(ctx, CHALLENGE + ", error=\"invalid_request\"", "must read 'Bearer <key>'");
        }
        ApiKeys.ApiKey key = keys.match(authorization.substring(BEARER.length()).trim()).orElseThrow(() ->
                unauthorized(ctx, CHALLENGE + ", error=\"invalid_token\"", "holds a key this server does not know"));
        if (!key.scopes().contains(needed.get())) {
            ctx.header(Header.WWW_AUTHENTICATE, CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
            throw Problem.of(403, "forbidden", "Forbidden", "The API key '" + key.name() + "' lacks the '" + scope
                            + "' scope that " + ctx.method() + " " + ctx.endpointHandlerPath() + " needs.")
                    .withErrors(List.of(new FieldError("Authorization", "needs a key with the '" + scope + "' scope")))
                    .toException();
        }
    }

    /**
     * Whether the request holds a key with {@code scope}, for a parameter that needs more than its
     * route (a QA override on a read route); with no keys configured everything is open.
     */
    boolean allows(Context ctx, Scope scope) {
        if (keys.isEmpty()) {
            return true;
        }
        String authorization = ctx.header(Header.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return keys.match(authorization.substring(BEARER.length()).trim()).map(k -> k.scopes().contains(scope)).orElse(false);
    }

    private static ProblemException unauthorized(Context ctx, String challenge, String reason) {
        ctx.header(Header.WWW_AUTHENTICATE, challenge);
        return Problem.of(401, "unauthorized", "Unauthorized", "Authorization " + reason + ".")
                .withErrors(List.of(new FieldError("Authorization", reason)))
                .toException();
    }
}
