package io.sieve.ann;

import io.sieve.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses, writes and reads vector indexes. Training builds the index and writes it into the model
 * bundle's directory; serving reads it back without rebuilding. On disk an index {@code name} is
 * {@code name.index.json} (kind, shape, parameters), {@code name.vectors.f32} (the vectors, see
 * {@link VectorFile}) and, for a graph index, jvector's graph file {@code name.graph}.
 */
public final class VectorIndexes {
    private static final String EXACT = "exact";
    private static final String HNSW = "hnsw";

    /** What {@code name.index.json} holds; {@code params} only for a graph index. */
    record Descriptor(String kind, int count, int dimension, AnnParams params) {
    }

    private VectorIndexes() {
    }

    /**
     * An exact index below {@code params.exactBelow()} items, a graph index built on all cores from
     * there on. The exact index keeps {@code vectors} (row-major, {@code count × dim}) as they are,
     * so the caller must not change them afterwards.
     */
    public static VectorIndex build(float[] vectors, int count, int dim, AnnParams params) {
        return count < params.exactBelow()
                ? new ExactVectorIndex(vectors, count, dim)
                : HnswVectorIndex.build(vectors, count, dim, params, Runtime.getRuntime().availableProcessors());
    }

    public static void write(VectorIndex index, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        VectorFile.write(dir.resolve(name + ".vectors.f32"), index.size(), index.dimension(), index::vector);
        Descriptor descriptor = switch (index) {
            case ExactVectorIndex exact -> new Descriptor(EXACT, exact.size(), exact.dimension(), null);
            case HnswVectorIndex hnsw -> {
                hnsw.writeGraph(dir.resolve(name + ".graph"));
                yield new Descriptor(HNSW, hnsw.size(), hnsw.dimension(), hnsw.params());
            }
        };
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name + ".index.json").toFile(), descriptor);
    }

    public static VectorIndex read(Path dir, String name) throws IOException {
        Descriptor d = Json.MAPPER.readValue(dir.resolve(name + ".index.json").toFile(), Descriptor.class);
        Path vectorFile = dir.resolve(name + ".vectors.f32");
        return switch (d.kind()) {
            case EXACT -> {
                float[] flat = new float[Math.multiplyExact(d.count(), d.dimension())];
                int[] offset = {0};
                VectorFile.read(vectorFile, d.count(), d.dimension(), row -> {
                    System.arraycopy(row, 0, flat, offset[0], row.length);
                    offset[0] += row.length;
                });
                yield new ExactVectorIndex(flat, d.count(), d.dimension());
            }
            case HNSW -> {
                List<float[]> rows = new ArrayList<>(d.count());
                VectorFile.read(vectorFile, d.count(), d.dimension(), rows::add);
                yield HnswVectorIndex.open(dir.resolve(name + ".graph"), rows, d.dimension(), d.params());
            }
            default -> throw new IOException(dir.resolve(name + ".index.json") + ": unknown index kind " + d.kind());
        };
    }

    static void requireShape(float[] vectors, int count, int dim) {
        if (count < 0 || dim <= 0 || (long) count * dim != vectors.length) {
            throw new IllegalArgumentException(vectors.length + " floats are not " + count + " vectors of dimension " + dim);
        }
    }

    static void requireDimension(float[] query, int dim) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", the index " + dim);
        }
    }
}
