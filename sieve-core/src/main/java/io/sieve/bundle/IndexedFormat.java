package io.sieve.bundle;

import io.sieve.ann.VectorIndexes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The format of a model whose item vectors are searched through an index: the model in
 * {@code <name>.bin}, written by the subclass, and its index beside it in {@code <name>-index}.
 */
abstract class IndexedFormat<M> implements ModelFormat<Indexed> {
    private final String name;

    IndexedFormat(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Indexed> type() {
        return Indexed.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(Indexed indexed, Path dir) throws IOException {
        try (DataOutputStream out = ModelFiles.output(dir.resolve(name + ".bin"))) {
            writeModel((M) indexed.model(), out);
        }
        VectorIndexes.write(indexed.index(), dir, name + "-index");
    }

    @Override
    public Indexed read(Path dir) throws IOException {
        try (DataInputStream in = ModelFiles.input(dir.resolve(name + ".bin"))) {
            return new Indexed<>(readModel(in), VectorIndexes.read(dir, name + "-index"));
        }
    }

    abstract void writeModel(M model, DataOutputStream out) throws IOException;

    abstract M readModel(DataInputStream in) throws IOException;
}
