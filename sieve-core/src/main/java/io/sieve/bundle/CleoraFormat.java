package io.sieve.bundle;

import io.sieve.bundle.cf.CleoraModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Cleora in a bundle: {@code cleora.bin} (the item vectors) and {@code cleora-index}. */
public final class CleoraFormat extends IndexedFormat<CleoraModel> {
    public CleoraFormat() {
        super("cleora");
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    void writeModel(CleoraModel cleora, DataOutputStream out) throws IOException {
        ModelFiles.writeFactors(out, cleora.items());
    }

    @Override
    CleoraModel readModel(DataInputStream in) throws IOException {
        return new CleoraModel(ModelFiles.readFactors(in));
    }
}
