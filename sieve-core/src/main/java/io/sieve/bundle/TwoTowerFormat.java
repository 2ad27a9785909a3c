package io.sieve.bundle;

import io.sieve.bundle.cf.DenseLayer;
import io.sieve.bundle.cf.Factors;
import io.sieve.bundle.cf.TwoTowerModel;
import io.sieve.bundle.cf.Vocabulary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The two-tower model in a bundle: {@code twoTower.bin} (item vectors, history inputs, their pooling weights and count, both
 * towers' layers, the vocabularies of item and user attributes with their embeddings) and
 * {@code twoTower-index}. Version 2 added the user attributes, version 3 the content projection and the context's zone,
 * version 4 the number of members joined ({@link io.sieve.bundle.cf.TwoTowerMembers}).
 */
public final class TwoTowerFormat extends IndexedFormat<TwoTowerModel> {
    public TwoTowerFormat() {
        super("twoTower");
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    void writeModel(TwoTowerModel model, DataOutputStream out) throws IOException {
        ModelFiles.writeFactors(out, model.items());
        ModelFiles.writeFactors(out, model.historyInputs());
        BinaryTables.writeFloats(out, model.historyWeights());
        out.writeInt(model.historyLength());
        writeLayers(out, model.userTower());
        writeLayers(out, model.itemTower());
        writeVocabulary(out, model.itemAttributes());
        writeVocabulary(out, model.userAttributes());
        ModelFiles.writeFactors(out, model.contentProjection());
        out.writeUTF(model.contextZone());
        out.writeInt(model.members());
    }

    private static void writeVocabulary(DataOutputStream out, Vocabulary vocabulary) throws IOException {
        BinaryTables.writeStrings(out, vocabulary.names());
        ModelFiles.writeFactors(out, vocabulary.embeddings());
    }

    private static Vocabulary readVocabulary(DataInputStream in) throws IOException {
        return new Vocabulary(BinaryTables.readStrings(in), ModelFiles.readFactors(in));
    }

    @Override
    TwoTowerModel readModel(DataInputStream in) throws IOException {
        Factors items = ModelFiles.readFactors(in);
        Factors historyInputs = ModelFiles.readFactors(in);
        float[] historyWeights = BinaryTables.readFloats(in);
        int historyLength = in.readInt();
        List<DenseLayer> userTower = readLayers(in);
        List<DenseLayer> itemTower = readLayers(in);
        Vocabulary itemAttributes = readVocabulary(in);
        Vocabulary userAttributes = readVocabulary(in);
        if (endsHere(in)) {   // version 2: trained without content and context
            return new TwoTowerModel(items, historyInputs, historyWeights, historyLength, userTower, itemTower, itemAttributes,
                    userAttributes, Factors.zeros(0, 0), "");
        }
        Factors contentProjection = ModelFiles.readFactors(in);
        String contextZone = in.readUTF();
        return new TwoTowerModel(items, historyInputs, historyWeights, historyLength, userTower, itemTower, itemAttributes,
                userAttributes, contentProjection, contextZone, endsHere(in) ? 1 : in.readInt());   // version 3: one model
    }

    /** Whether the file ends at this point; a file cut anywhere past it fails to read instead. */
    private static boolean endsHere(DataInputStream in) throws IOException {
        in.mark(1);
        if (in.read() < 0) {
            return true;
        }
        in.reset();
        return false;
    }

    private static void writeLayers(DataOutputStream out, List<DenseLayer> layers) throws IOException {
        out.writeInt(layers.size());
        for (DenseLayer l : layers) {
            out.writeInt(l.in());
            out.writeInt(l.out());
            out.writeBoolean(l.relu());
            BinaryTables.writeFloats(out, l.weights());
            BinaryTables.writeFloats(out, l.bias());
        }
    }

    private static List<DenseLayer> readLayers(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<DenseLayer> layers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int layerIn = in.readInt();
            int layerOut = in.readInt();
            boolean relu = in.readBoolean();
            layers.add(new DenseLayer(layerIn, layerOut, BinaryTables.readFloats(in), BinaryTables.readFloats(in), relu));
        }
        return layers;
    }
}
