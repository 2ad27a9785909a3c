package io.sieve.ann;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Item vectors searchable by inner product. Item ordinals are the bundle's {@code ItemIndex}
 * indexes. Similarity is the plain dot product: callers normalise the vectors (and the query) when
 * they want cosine. Implementations are immutable and safe to search from many threads at once.
 */
public sealed interface VectorIndex permits ExactVectorIndex, HnswVectorIndex {
    int size();

    int dimension();

    /**
     * Up to {@code k} items by descending dot product with {@code query}, among those
     * {@code accept} lets through. The filter is applied during the search, so when at least
     * {@code k} items are acceptable, {@code k} come back. A thread that is interrupted (its
     * deadline passed) gets back what was found so far, possibly nothing.
     */
    List<Neighbour> search(float[] query, int k, IntPredicate accept);

    /** A copy of one item's vector, e.g. to find items similar to it. */
    float[] vector(int item);
}
