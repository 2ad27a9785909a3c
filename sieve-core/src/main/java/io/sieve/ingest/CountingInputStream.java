package io.sieve.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports every chunk of bytes read, so progress follows the input whatever format parses it. */
final class CountingInputStream extends FilterInputStream {
    private final LongConsumer bytesRead;

    CountingInputStream(InputStream in, LongConsumer bytesRead) {
        super(in);
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            bytesRead.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            bytesRead.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        bytesRead.accept(skipped);
        return skipped;
    }
}
