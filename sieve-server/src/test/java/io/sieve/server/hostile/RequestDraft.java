package io.sieve.server.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request under construction, every part of it open to damage: the generator starts
 * from a well-formed request for a real route and lets mutations break pieces of it.
 */
final class RequestDraft {
    String method;
    String path;
    /** Without the '?'; null for none. */
    String query;
    String version = "HTTP/1.1";
    String lineEnd = "\r\n";
    final List<byte[]> headers = new ArrayList<>();
    byte[] body;
    /** The Content-Length value as sent; null computes it from the body, "" leaves it out. */
    String contentLength;
    boolean chunked;
    /** Raw bytes sent instead of the path (invalid UTF-8, control characters). */
    byte[] rawPath;
    /** Sent as the whole request, ignoring everything else. */
    byte[] wholeRequest;
    boolean endOfHead = true;

    RequestDraft(String method, String path, String query, String body) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        header("Host", "127.0.0.1");
        header("Connection", "close");
        if (body != null) {
            header("Content-Type", "application/json");
        }
    }

    void header(String name, String value) {
        headers.add((name + ": " + value).getBytes(StandardCharsets.UTF_8));
    }

    void rawHeader(byte[] line) {
        headers.add(line);
    }

    void removeHeader(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        headers.removeIf(h -> new String(h, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).startsWith(prefix));
    }

    void replaceHeader(String name, String value) {
        removeHeader(name);
        header(name, value);
    }

    byte[] render() {
        if (wholeRequest != null) {
            return wholeRequest;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " ");
        if (rawPath != null) {
            out.writeBytes(rawPath);
        } else {
            write(out, path);
        }
        if (query != null) {
            write(out, "?" + query);
        }
        write(out, (version.isEmpty() ? "" : " " + version) + lineEnd);
        headers.forEach(h -> {
            out.writeBytes(h);
            write(out, lineEnd);
        });
        byte[] payload = chunked && body != null ? chunk(body) : body;
        if (chunked) {
            write(out, "Transfer-Encoding: chunked" + lineEnd);
        } else if (contentLength == null && body != null) {
            write(out, "Content-Length: " + body.length + lineEnd);
        } else if (contentLength != null && !contentLength.isEmpty()) {
            write(out, "Content-Length: " + contentLength + lineEnd);
        }
        if (endOfHead) {
            write(out, lineEnd);
        }
        if (payload != null) {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** A head line for reports: method, target and version, cut short. */
    String summary() {
        if (wholeRequest != null) {
            return "raw " + wholeRequest.length + " bytes";
        }
        String target = rawPath != null ? new String(rawPath, StandardCharsets.ISO_8859_1) : path;
        String line = method + " " + target + (query == null ? "" : "?" + query) + " " + version;
        return line.length() > 160 ? line.substring(0, 160) + "…(" + line.length() + " chars)" : line;
    }

    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, Integer.toHexString(body.length) + "\r\n");
        out.writeBytes(body);
        write(out, "\r\n0\r\n\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
