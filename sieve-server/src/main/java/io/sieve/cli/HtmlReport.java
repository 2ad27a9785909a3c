package io.sieve.cli;

import io.sieve.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report as one self-contained HTML page: the data as JSON inside the page, and the console
 * module's report renderer (sieve-console/src/report: Chart.js, bundled into one script) inlined
 * beside it, so the file opens anywhere, offline, with nothing else to fetch.
 */
final class HtmlReport {
    private static final String SCRIPT = "/console-report/report.js";
    private static final String STYLE = "/console-report/report.css";

    private HtmlReport() {
    }

    /**
     * @param kind what the renderer draws: {@code eval} or {@code experiment}
     * @param data the rest of the page's data, beside {@code kind}, {@code title} and {@code generatedAt}
     */
    static void write(Path file, String kind, String title, Map<String, Object> data) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("kind", kind);
        page.put("title", title);
        page.put("generatedAt", Instant.now().toString());
        page.putAll(data);
        try {
            // A "<" in a string could end the script element the data sits in ("</script") or open a
            // comment that keeps it from ending ("<!--"); JSON reads its escape, backslash-u003c, as the same character.
            String json = Json.MAPPER.writeValueAsString(page).replace("<", "\\u003c");
            String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + "</title><style>" + resource(STYLE) + "</style></head>\n<body><div id=\"sieve-report\"></div>\n"
                    + "<script type=\"application/json\" id=\"sieve-report-data\">" + json + "</script>\n<script>"
                    + resource(SCRIPT) + "</script></body></html>\n";
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar; build it with ./mvnw package (sieve-console)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
