package io.sieve.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sieve.bundle.ModelBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The OpenAPI document, and a front page listing the routes with links that work on this data. */
final class DocsRoutes {
    private static final String OPENAPI_RESOURCE = "openapi.json";

    private final byte[] openApi;
    /** Filled as routes register, so it is complete by the time a request reads it. */
    private final List<SieveServer.Route> routes;
    private final ModelHolder model;

    DocsRoutes(List<SieveServer.Route> routes, ModelHolder model) {
        this.openApi = openApiDocument();
        this.routes = routes;
        this.model = model;
    }

    /** The hand-written OpenAPI 3.1 description of every route; a test keeps it in step with the routes. */
    static byte[] openApiDocument() {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Javalin app) {
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get("/", this::index);
    }

    private void index(Context ctx) {
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sieve</title></head>
                <body style="font-family: sans-serif; max-width: 50em; margin: 2em auto">
                <h1>Sieve</h1>
                <p>A recommendation engine. The API is described in <a href="/openapi.json">/openapi.json</a>.</p>
                <h2>Try it</h2>
                <ul>
                <li><a href="/v1/recommendations/1?n=10&amp;debug=true">/v1/recommendations/1?n=10&amp;debug=true</a>
                    &mdash; recommendations for user 1 (an unknown user gets popular items)</li>
                """);
        ModelBundle bundle = model.current();
        if (bundle.popularity().size() > 0) {
            String item = bundle.items().id(bundle.popularity().items()[0]);
            String href = "/v1/items/" + URLEncoder.encode(item, StandardCharsets.UTF_8).replace("+", "%20") + "/similar?n=10";
            html.append("<li><a href=\"").append(escape(href)).append("\">").append(escape(href))
                    .append("</a> &mdash; items like the most popular one</li>\n");
        }
        html.append("</ul>\n<h2>Routes</h2>\n<ul>\n");
        for (SieveServer.Route r : routes) {
            html.append("<li><code>").append(r.method()).append(' ').append(escape(r.path())).append("</code></li>\n");
        }
        html.append("</ul>\n<p>Serving model ").append(escape(bundle.version())).append(".</p>\n</body></html>\n");
        ctx.html(html.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
