package io.sieve.content;

import java.util.List;

/**
 * Turns text into unit vectors whose dot product is semantic similarity. An encoder may carry
 * state learned from the catalog at training time (the hashed encoder's IDF weights), which
 * {@link #state()} exposes so that the bundle can store it and serving encodes exactly alike.
 * Implementations are safe to call from many threads at once.
 */
public interface TextEncoder {
    String name();

    int dimension();

    /** One unit-length vector per text (all zeros for a text with nothing to encode). */
    float[][] encode(List<String> texts);

    /** What {@link TextEncoders#load} needs to rebuild this encoder; empty when nothing was learned. */
    float[] state();
}
