package io.sieve.bundle;

import io.sieve.bundle.cf.EaseModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** EASE in a bundle: {@code ease.bin}, the modelled items and their weight matrix. */
public final class EaseFormat implements ModelFormat<EaseModel> {
    private static final String FILE = "ease.bin";

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<EaseModel> type() {
        return EaseModel.class;
    }

    @Override
    public void write(EaseModel ease, Path dir) throws IOException {
        try (DataOutputStream out = ModelFiles.output(dir.resolve(FILE))) {
            BinaryTables.writeInts(out, ease.items());
            BinaryTables.writeInts(out, ease.local());
            BinaryTables.writeFloats(out, ease.weights());
        }
    }

    @Override
    public EaseModel read(Path dir) throws IOException {
        try (DataInputStream in = ModelFiles.input(dir.resolve(FILE))) {
            return new EaseModel(BinaryTables.readInts(in), BinaryTables.readInts(in), BinaryTables.readFloats(in));
        }
    }
}
