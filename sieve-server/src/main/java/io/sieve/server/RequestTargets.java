package io.sieve.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose path or query is not well-formed percent-encoded UTF-8 before any route
 * decodes it. Javalin's decoding throws on a broken escape ({@code %u002e}), which would surface as
 * a 500, and turns bytes that are not UTF-8 ({@code %FF}) into U+FFFD, which would store an id
 * nobody sent.
 */
final class RequestTargets {
    private RequestTargets() {
    }

    /** A Javalin before-handler. */
    static void check(Context ctx) {
        check("path", ctx.req().getRequestURI());
        check("query", ctx.queryString());
    }

    private static void check(String part, String raw) {
        if (raw == null) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (low < 0) {
                String escape = raw.substring(i, Math.min(raw.length(), i + 3));
                throw Problem.invalid(part, "has a malformed percent-escape '" + escape + "' at character " + (i + 1)
                        + "; a '%' must be followed by two hexadecimal digits").toException();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
        } catch (CharacterCodingException e) {
            throw Problem.invalid(part, "is not valid UTF-8 once percent-decoded").toException();
        }
    }
}
