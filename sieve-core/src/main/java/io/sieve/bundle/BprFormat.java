package io.sieve.bundle;

import io.sieve.bundle.cf.BprModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** BPR in a bundle: {@code bpr.bin} (item and user factors, user ids) and {@code bpr-index}. */
public final class BprFormat extends IndexedFormat<BprModel> {
    public BprFormat() {
        super("bpr");
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    void writeModel(BprModel bpr, DataOutputStream out) throws IOException {
        ModelFiles.writeFactors(out, bpr.items());
        ModelFiles.writeFactors(out, bpr.users());
        BinaryTables.writeStrings(out, bpr.userIds());
    }

    @Override
    BprModel readModel(DataInputStream in) throws IOException {
        return BprModel.of(ModelFiles.readFactors(in), ModelFiles.readFactors(in), BinaryTables.readStrings(in));
    }
}
