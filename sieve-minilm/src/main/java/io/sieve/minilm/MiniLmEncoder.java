package io.sieve.minilm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.sieve.ann.VectorMath;
import io.sieve.content.TextEncoder;
import io.sieve.content.TextEncoderProvider;
import io.sieve.nativelib.NativeLibraries;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantised, ONNX Runtime in-process, the model inside the jar): 384-dimension
 * sentence embeddings in which "light and funny" lands near comedies whatever words they use.
 * Learns nothing from the catalog, so its state is empty. One model is shared: it is thread-safe
 * and loading it costs about a second.
 */
public final class MiniLmEncoder implements TextEncoder {
    static final String NAME = "minilm";
    private static final int DIMENSION = 384;

    private static final class Holder {
        static final AllMiniLmL6V2QuantizedEmbeddingModel MODEL = load();

        private static AllMiniLmL6V2QuantizedEmbeddingModel load() {
            NativeLibraries.onnxRuntime();
            return new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
    }

    /** The {@link TextEncoderProvider} registered under {@code minilm}. */
    public static final class Provider implements TextEncoderProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public TextEncoder fit(List<String> corpus, int dimension) {
            return new MiniLmEncoder();
        }

        @Override
        public TextEncoder load(float[] state, int dimension) {
            return new MiniLmEncoder();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[][] encode(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        // The model refuses empty segments; a blank text encodes to the zero vector.
        texts.forEach(t -> segments.add(TextSegment.from(t.isBlank() ? "." : t)));
        List<Embedding> embeddings = Holder.MODEL.embedAll(segments).content();
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = texts.get(i).isBlank() ? new float[DIMENSION] : VectorMath.normalise(embeddings.get(i).vector());
        }
        return out;
    }

    @Override
    public float[] state() {
        return new float[0];
    }
}
