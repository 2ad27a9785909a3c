package io.sieve.server.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes as they are over a fresh TCP connection and reads what comes back. An HTTP client
 * library would refuse to send most of what the generator makes, hence the raw socket.
 */
public final class RawExchange {
    /** What the server answered; {@code status} is 0 when it answered nothing readable. */
    public record Response(int status, Map<String, String> headers, byte[] body, String failure) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private static final int MAX_RESPONSE_BYTES = 4 << 20;

    private final InetSocketAddress address;
    private final int timeoutMillis;

    public RawExchange(String host, int port, int timeoutMillis) {
        this.address = new InetSocketAddress(host, port);
        this.timeoutMillis = timeoutMillis;
    }

    public Response send(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                // Half-close: the server sees the end of the request, as when a client gives up mid-body.
                socket.shutdownOutput();
            } catch (IOException refusedEarly) {
                // The server may answer (413, 431) and close before reading everything; its answer is still readable.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            return new Response(0, Map.of(), new byte[0], e.toString());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0 && all.size() < MAX_RESPONSE_BYTES; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // A reset after the response arrived (the server closed with our bytes unread) loses nothing we need.
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    /** Skips interim 1xx responses (100 Continue) and parses the final one. */
    static Response parse(byte[] raw) {
        int start = 0;
        while (true) {
            int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headEnd < 0) {
                return new Response(0, Map.of(), raw, raw.length == 0 ? "no response" : "no complete response head");
            }
            String[] lines = new String(raw, start, headEnd - start, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (RuntimeException e) {
                return new Response(0, Map.of(), raw, "unreadable status line: " + lines[0]);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int bodyStart = headEnd + 4;
            if (status >= 100 && status < 200) {
                start = bodyStart;
                continue;
            }
            byte[] rest = java.util.Arrays.copyOfRange(raw, bodyStart, raw.length);
            byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
            return new Response(status, headers, body, null);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            body.write(chunked, from, Math.min(size, chunked.length - from));
            at = from + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
