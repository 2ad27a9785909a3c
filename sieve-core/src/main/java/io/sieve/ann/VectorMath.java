package io.sieve.ann;

/**
 * Dot products and normalisation on plain float arrays, written for the JIT: the loop keeps four
 * independent accumulators, so consecutive multiply-adds do not each wait for the previous sum
 * (a single running sum makes every addition wait on the last one). Where each dot product
 * depends on the previous result, as in a conjugate-gradient solve, that halves the time at 64
 * dimensions; in a scan over independent rows the CPU already overlaps one row with the next and
 * both loops run equally fast (BENCHMARKS.md, "ANN index"). Vectors are rows of a row-major
 * array, hence the offsets.
 */
public final class VectorMath {
    private VectorMath() {
    }


    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
        }
        return dot(a, 0, b, 0, a.length);
    }

    /** The dot product of {@code a[aOffset, aOffset + length)} and {@code b[bOffset, bOffset + length)}. */
    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int end = length & ~3; i < end; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Scales {@code v} to unit length in place (a zero vector stays zero) and returns it, for cosine
     * similarity. The one normaliser: the squared length is summed in double precision.
     */
    public static float[] normalise(float[] v) {
        normalise(v, 0, v.length);
        return v;
    }

    /** Scales every row of a row-major {@code rows × dim} array to unit length. */
    public static void normaliseRows(float[] vectors, int dim) {
        for (int offset = 0; offset + dim <= vectors.length; offset += dim) {
            normalise(vectors, offset, dim);
        }
    }

    private static void normalise(float[] v, int offset, int length) {
        double norm = 0;
        for (int i = offset; i < offset + length; i++) {
            norm += v[i] * v[i];
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = offset; i < offset + length; i++) {
                v[i] *= scale;
            }
        }
    }
}
