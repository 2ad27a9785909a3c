package io.sieve.content;

import java.util.List;

/**
 * A kind of encoder, found by name through {@link java.util.ServiceLoader}, so that heavy encoders
 * (the ONNX sentence model) live in their own module and the core does not depend on them.
 */
public interface TextEncoderProvider {
    String name();

    /** An encoder fitted to the catalog's texts (those that learn nothing ignore them). */
    TextEncoder fit(List<String> corpus, int dimension);

    /** The encoder a bundle stored, from its {@link TextEncoder#state()}. */
    TextEncoder load(float[] state, int dimension);
}
