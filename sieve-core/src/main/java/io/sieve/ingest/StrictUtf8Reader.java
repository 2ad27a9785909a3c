package io.sieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Decodes UTF-8 strictly and remembers where it was not UTF-8. A lenient decoder turns such bytes
 * into U+FFFD, and an id or title would be stored with characters its file never held. This one
 * reports each malformed sequence (with the line and the character offset where it stands, and its
 * bytes) so that the reader of the file can reject the row that holds it; it still emits U+FFFD
 * in its place, so that parsing goes on and the other rows are read.
 *
 * <p>Lines end at {@code \n}, {@code \r} or {@code \r\n} and count from 1, as in
 * {@link java.io.BufferedReader#readLine()}.
 */
final class StrictUtf8Reader extends Reader {
    /** One malformed byte sequence: its line, its character offset in the decoded text, and its bytes in hex. */
    record Malformed(long line, long offset, String bytes) {
    }

    private static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final Deque<Malformed> malformed = new ArrayDeque<>();
    private boolean endOfInput;
    private long line = 1;
    private long offset;
    private boolean afterCarriageReturn;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, off, len);
        while (out.hasRemaining()) {
            int start = out.position();
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            advance(buffer, start, out.position());
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    break; // the next call meets the same bytes with room for the replacement
                }
                byte[] bad = new byte[result.length()];
                bytes.get(bad);
                malformed.add(new Malformed(line, offset, HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bad)));
                out.put(REPLACEMENT);
                advance(buffer, out.position() - 1, out.position());
            } else if (result.isOverflow() || endOfInput || out.position() > off) {
                break;
            } else {
                fill();
            }
        }
        int read = out.position() - off;
        return read == 0 && endOfInput ? -1 : read;
    }

    /** The first malformed sequence on a line up to {@code lastLine}; it and the others there are forgotten. Null: none. */
    Malformed takeThroughLine(long lastLine) {
        return take(m -> m.line() <= lastLine);
    }

    /** The first malformed sequence before character {@code endOffset}; it and the others there are forgotten. Null: none. */
    Malformed takeBefore(long endOffset) {
        return take(m -> m.offset() < endOffset);
    }

    private Malformed take(Predicate<Malformed> passed) {
        Malformed first = null;
        while (!malformed.isEmpty() && passed.test(malformed.peekFirst())) {
            Malformed m = malformed.pollFirst();
            first = first == null ? m : first;
        }
        return first;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void advance(char[] decoded, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = decoded[i];
            if (c == '\r' || c == '\n' && !afterCarriageReturn) {
                line++;
            }
            afterCarriageReturn = c == '\r';
        }
        offset += to - from;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
