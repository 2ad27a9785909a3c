package io.sieve.bundle;

import io.sieve.ann.VectorIndex;

/** A model whose item vectors are searched through a vector index, kept together as one part. */
public record Indexed<M>(M model, VectorIndex index) {
}
