package io.sieve.bundle;

import io.sieve.ann.VectorIndex;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.BprModel;
import io.sieve.bundle.cf.EaseModel;

/**
 * The learned collaborative models of a bundle. Each is null when it was not trained (disabled,
 * or no data), and the retrievers built on it then propose nothing.
 *
 * @param alsIndex search structure over the ALS item vectors
 * @param bprIndex search structure over the bias-augmented BPR item vectors
 */
public record CollaborativeModels(AlsModel als, VectorIndex alsIndex, BprModel bpr, VectorIndex bprIndex, EaseModel ease) {
    public static final CollaborativeModels NONE = new CollaborativeModels(null, null, null, null, null);
}
