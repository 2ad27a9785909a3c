package io.sieve.bundle;

import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.cf.BprModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** BPR in a bundle: {@code bpr.bin} (item and user factors, user ids) and the {@code bpr-index} over the items. */
public final class BprFormat implements ModelFormat<Indexed> {
    private static final String FILE = "bpr.bin";
    private static final String INDEX = "bpr-index";

    @Override
    public String name() {
        return "bpr";
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
        BprModel bpr = (BprModel) indexed.model();
        try (DataOutputStream out = ModelFiles.output(dir.resolve(FILE))) {
            ModelFiles.writeFactors(out, bpr.items());
            ModelFiles.writeFactors(out, bpr.users());
            BinaryTables.writeStrings(out, bpr.userIds());
        }
        VectorIndexes.write(indexed.index(), dir, INDEX);
    }

    @Override
    public Indexed read(Path dir) throws IOException {
        try (DataInputStream in = ModelFiles.input(dir.resolve(FILE))) {
            BprModel bpr = BprModel.of(ModelFiles.readFactors(in), ModelFiles.readFactors(in), BinaryTables.readStrings(in));
            return new Indexed<>(bpr, VectorIndexes.read(dir, INDEX));
        }
    }
}
