package io.sieve.bundle;

import io.sieve.config.ConfidenceScale;
import static io.sieve.bundle.BinaryTables.readFloats;
import static io.sieve.bundle.BinaryTables.readInts;
import static io.sieve.bundle.BinaryTables.readStrings;
import static io.sieve.bundle.BinaryTables.writeFloats;
import static io.sieve.bundle.BinaryTables.writeInts;
import static io.sieve.bundle.BinaryTables.writeStrings;

import io.sieve.ann.VectorIndex;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.BprModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.bundle.cf.EaseModel;
import io.sieve.bundle.cf.Factors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of the collaborative models in a bundle directory: one per model, absent when not trained. */
final class CollaborativeModelFiles {
    private static final String ALS = "als.bin";
    private static final String BPR = "bpr.bin";
    private static final String EASE = "ease.bin";

    private CollaborativeModelFiles() {
    }

    static void write(CollaborativeModels m, Path dir) throws IOException {
        if (m.als() != null) {
            try (DataOutputStream out = output(dir.resolve(ALS))) {
                writeFactors(out, m.als().items());
                out.writeDouble(m.als().regularization());
                out.writeUTF(m.als().confidence().scale().name());
                out.writeDouble(m.als().confidence().alpha());
                out.writeDouble(m.als().confidence().epsilon());
            }
            VectorIndexes.write(m.alsIndex(), dir, "als-index");
        }
        if (m.bpr() != null) {
            try (DataOutputStream out = output(dir.resolve(BPR))) {
                writeFactors(out, m.bpr().items());
                writeFactors(out, m.bpr().users());
                writeStrings(out, m.bpr().userIds());
            }
            VectorIndexes.write(m.bprIndex(), dir, "bpr-index");
        }
        if (m.ease() != null) {
            try (DataOutputStream out = output(dir.resolve(EASE))) {
                writeInts(out, m.ease().items());
                writeInts(out, m.ease().local());
                writeFloats(out, m.ease().weights());
            }
        }
    }

    static CollaborativeModels read(Path dir) throws IOException {
        AlsModel als = null;
        VectorIndex alsIndex = null;
        if (Files.exists(dir.resolve(ALS))) {
            try (DataInputStream in = input(dir.resolve(ALS))) {
                Factors items = readFactors(in);
                double regularization = in.readDouble();
                Confidence confidence = new Confidence(ConfidenceScale.valueOf(in.readUTF()), in.readDouble(), in.readDouble());
                als = new AlsModel(items, regularization, confidence);
            }
            alsIndex = VectorIndexes.read(dir, "als-index");
        }
        BprModel bpr = null;
        VectorIndex bprIndex = null;
        if (Files.exists(dir.resolve(BPR))) {
            try (DataInputStream in = input(dir.resolve(BPR))) {
                bpr = BprModel.of(readFactors(in), readFactors(in), readStrings(in));
            }
            bprIndex = VectorIndexes.read(dir, "bpr-index");
        }
        EaseModel ease = null;
        if (Files.exists(dir.resolve(EASE))) {
            try (DataInputStream in = input(dir.resolve(EASE))) {
                ease = new EaseModel(readInts(in), readInts(in), readFloats(in));
            }
        }
        return new CollaborativeModels(als, alsIndex, bpr, bprIndex, ease);
    }

    private static void writeFactors(DataOutputStream out, Factors f) throws IOException {
        out.writeInt(f.rows());
        out.writeInt(f.dim());
        writeFloats(out, f.data());
    }

    private static Factors readFactors(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int dim = in.readInt();
        return new Factors(rows, dim, readFloats(in));
    }

    private static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    private static DataInputStream input(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}
