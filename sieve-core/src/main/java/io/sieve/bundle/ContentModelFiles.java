package io.sieve.bundle;

import static io.sieve.bundle.BinaryTables.readFloats;
import static io.sieve.bundle.BinaryTables.readStrings;
import static io.sieve.bundle.BinaryTables.writeFloats;
import static io.sieve.bundle.BinaryTables.writeStrings;


import io.sieve.ann.ItemIndex;
import io.sieve.ann.VectorIndexes;
import io.sieve.content.ContentModel;
import io.sieve.content.TextEncoder;
import io.sieve.content.TextEncoders;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code content.bin} (the encoder's name, dimension and learned state, the item ids) and the content vector index. */
final class ContentModelFiles {
    private static final String FILE = "content.bin";
    private static final String INDEX = "content-index";

    private ContentModelFiles() {
    }

    static void write(ContentModel model, Path dir) throws IOException {
        if (model.isEmpty()) {
            return;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(FILE))))) {
            out.writeUTF(model.encoder().name());
            out.writeInt(model.encoder().dimension());
            writeFloats(out, model.encoder().state());
            writeStrings(out, model.ids().ids());
        }
        VectorIndexes.write(model.index(), dir, INDEX);
    }

    static ContentModel read(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(FILE))) {
            return ContentModel.NONE;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(FILE))))) {
            String name = in.readUTF();
            int dimension = in.readInt();
            TextEncoder encoder = TextEncoders.load(name, readFloats(in), dimension);
            return new ContentModel(encoder, new ItemIndex(readStrings(in)), VectorIndexes.read(dir, INDEX));
        }
    }
}
