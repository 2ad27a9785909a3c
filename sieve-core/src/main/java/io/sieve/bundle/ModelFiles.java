package io.sieve.bundle;

import io.sieve.bundle.cf.Factors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The binary streams the model formats write, and the factor matrices most of them hold. */
final class ModelFiles {
    private ModelFiles() {
    }

    static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    static DataInputStream input(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    static void writeFactors(DataOutputStream out, Factors f) throws IOException {
        out.writeInt(f.rows());
        out.writeInt(f.dim());
        BinaryTables.writeFloats(out, f.data());
    }

    static Factors readFactors(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int dim = in.readInt();
        return new Factors(rows, dim, BinaryTables.readFloats(in));
    }
}
