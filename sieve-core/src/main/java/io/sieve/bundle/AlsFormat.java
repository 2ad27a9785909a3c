package io.sieve.bundle;

import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.config.ConfidenceScale;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** ALS in a bundle: {@code als.bin} (item factors, regularisation, confidence) and the {@code als-index} over the items. */
public final class AlsFormat implements ModelFormat<Indexed> {
    private static final String FILE = "als.bin";
    private static final String INDEX = "als-index";

    @Override
    public String name() {
        return "als";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<Indexed> type() {
        return Indexed.class;
    }

    @Override
    public void write(Indexed indexed, Path dir) throws IOException {
        AlsModel als = (AlsModel) indexed.model();
        try (DataOutputStream out = ModelFiles.output(dir.resolve(FILE))) {
            ModelFiles.writeFactors(out, als.items());
            out.writeDouble(als.regularization());
            out.writeUTF(als.confidence().scale().name());
            out.writeDouble(als.confidence().alpha());
            out.writeDouble(als.confidence().epsilon());
        }
        VectorIndexes.write(indexed.index(), dir, INDEX);
    }

    @Override
    public Indexed read(Path dir) throws IOException {
        try (DataInputStream in = ModelFiles.input(dir.resolve(FILE))) {
            var items = ModelFiles.readFactors(in);
            double regularization = in.readDouble();
            Confidence confidence = new Confidence(ConfidenceScale.valueOf(in.readUTF()), in.readDouble(), in.readDouble());
            return new Indexed<>(new AlsModel(items, regularization, confidence), VectorIndexes.read(dir, INDEX));
        }
    }
}
