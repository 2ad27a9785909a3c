package io.sieve.ann;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Scores every item against the query: perfect recall, and for catalogs up to tens of thousands
 * of items faster than walking a graph.
 */
public final class ExactVectorIndex implements VectorIndex {
    private final float[] vectors;
    private final int count;
    private final int dim;

    /** Wraps {@code vectors} (row-major, {@code count × dim}) without copying: do not change it afterwards. */
    public ExactVectorIndex(float[] vectors, int count, int dim) {
        VectorIndexes.requireShape(vectors, count, dim);
        this.vectors = vectors;
        this.count = count;
        this.dim = dim;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public List<Neighbour> search(float[] query, int k, IntPredicate accept) {
        VectorIndexes.requireDimension(query, dim);
        return TopK.scanScoringFirst(count, k, accept, item -> VectorMath.dot(query, 0, vectors, item * dim, dim));
    }

    @Override
    public float[] vector(int item) {
        Objects.checkIndex(item, count);
        return Arrays.copyOfRange(vectors, item * dim, (item + 1) * dim);
    }
}
