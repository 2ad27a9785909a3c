package io.sieve.content;

/** Small vector helpers for content vectors. */
final class Vectors {
    private Vectors() {
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }
}
