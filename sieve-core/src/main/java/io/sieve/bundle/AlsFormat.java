package io.sieve.bundle;

import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.config.ConfidenceScale;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** ALS in a bundle: {@code als.bin} (item factors, regularisation, confidence) and {@code als-index}. */
public final class AlsFormat extends IndexedFormat<AlsModel> {
    public AlsFormat() {
        super("als");
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    void writeModel(AlsModel als, DataOutputStream out) throws IOException {
        ModelFiles.writeFactors(out, als.items());
        out.writeDouble(als.regularization());
        out.writeUTF(als.confidence().scale().name());
        out.writeDouble(als.confidence().alpha());
        out.writeDouble(als.confidence().epsilon());
    }

    @Override
    AlsModel readModel(DataInputStream in) throws IOException {
        var items = ModelFiles.readFactors(in);
        double regularization = in.readDouble();
        return new AlsModel(items, regularization, new Confidence(ConfidenceScale.valueOf(in.readUTF()), in.readDouble(),
                in.readDouble()));
    }
}
