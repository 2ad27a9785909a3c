package io.sieve.bundle.cf;

import io.sieve.ann.VectorMath;

/**
 * Cleora's item embeddings, unit length: items close in the user-item graph (chosen by the same
 * people, or sharing categories and tags) are close here. A user is the weighted mean of the
 * items they chose, so a user training never saw is placed after one event.
 */
public record CleoraModel(Factors items) {

    /** The unit-length weighted sum of the items' vectors; null when no item has a vector. */
    public float[] userVector(int[] recentItems, float[] weights) {
        float[] user = new float[items.dim()];
        for (int i = 0; i < recentItems.length; i++) {
            int o = items.offset(recentItems[i]);
            for (int d = 0; d < user.length; d++) {
                user[d] += weights[i] * items.data()[o + d];
            }
        }
        return VectorMath.dot(user, user) > 0 ? VectorMath.normalise(user) : null;
    }
}
