package io.sieve.bundle;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Length-prefixed arrays in a bundle's binary files. Numeric arrays go through one byte buffer
 * each: per-element stream calls would make loading a million item vectors take seconds.
 */
final class BinaryTables {
    private BinaryTables() {
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asIntBuffer().put(values);
        out.write(buffer.array());
    }

    static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        byte[] bytes = new byte[values.length * 4];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asIntBuffer().get(values);
        return values;
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        byte[] bytes = new byte[values.length * 4];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }

    static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
