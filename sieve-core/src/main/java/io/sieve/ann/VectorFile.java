package io.sieve.ann;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Item vectors on disk: nothing but {@code count × dim} little-endian float32 values, row after row,
 * so a bundle trained elsewhere can write them with one call (numpy's {@code tofile} on a
 * {@code <f4} array) and the shape lives in the index's descriptor.
 */
final class VectorFile {
    private static final int CHUNK_BYTES = 1 << 20;

    private VectorFile() {
    }

    static void write(Path file, int count, int dim, IntFunction<float[]> row) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = chunk(dim);
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int item = 0; item < count; item++) {
                if (floats.remaining() < dim) {
                    drain(out, bytes, floats);
                }
                floats.put(row.apply(item));
            }
            drain(out, bytes, floats);
        }
    }

    /** Hands each row to {@code sink} as a new array, in order. */
    static void read(Path file, int count, int dim, Consumer<float[]> sink) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = (long) count * dim * Float.BYTES;
            if (in.size() != expected) {
                throw new IOException(file + " has " + in.size() + " bytes; " + count + " × " + dim
                        + " float32 vectors take " + expected);
            }
            ByteBuffer bytes = chunk(dim).limit(0);
            for (int item = 0; item < count; item++) {
                if (bytes.remaining() < dim * Float.BYTES) {
                    bytes.compact();
                    while (bytes.position() < dim * Float.BYTES) {
                        if (in.read(bytes) < 0) {
                            throw new IOException(file + " ended early");
                        }
                    }
                    bytes.flip();
                }
                float[] vector = new float[dim];
                bytes.asFloatBuffer().get(vector);
                bytes.position(bytes.position() + dim * Float.BYTES);
                sink.accept(vector);
            }
        }
    }

    /** A buffer of whole rows, at least one. */
    private static ByteBuffer chunk(int dim) {
        int rowBytes = dim * Float.BYTES;
        int rows = Math.max(1, CHUNK_BYTES / rowBytes);
        return ByteBuffer.allocate(rows * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void drain(FileChannel out, ByteBuffer bytes, FloatBuffer floats) throws IOException {
        bytes.limit(floats.position() * Float.BYTES).position(0);
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        floats.clear();
    }
}
