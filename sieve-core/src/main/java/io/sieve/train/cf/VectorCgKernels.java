package io.sieve.train.cf;

import java.util.List;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CgKernels} on the Java Vector API, at the CPU's preferred width (16 floats with AVX-512,
 * 8 with AVX2). Loaded only when the JVM has {@code jdk.incubator.vector} ({@link CgKernels#best}).
 */
final class VectorCgKernels implements CgKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Lane i takes lane i + s (mod the width), for s = half the width, a quarter, ..., 1: see {@link #sum}. */
    private static final List<VectorShuffle<Float>> HALVES = IntStream.iterate(LANES / 2, s -> s > 0, s -> s / 2)
            .mapToObj(s -> VectorShuffle.iota(SPECIES, s, 1, true)).toList();

    @Override
    public String name() {
        return "Java Vector API, " + LANES + " floats";
    }

    /**
     * In single precision, taken column by column: M v = Σ_c M[c, ·] v[c] for a symmetric M, so each
     * step is one broadcast and one fused multiply-add per block of lanes, with no horizontal sums.
     * Four blocks of the result are summed at once, so four independent chains keep the FMA units
     * busy (one chain waits on its own previous addition).
     */
    @Override
    public Product product(double[] matrix, int k) {
        float[] m = new float[k * k];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) matrix[i];
        }
        int bound = SPECIES.loopBound(k);
        return (v, out) -> {
            int j = 0;
            for (; j + 4 * LANES <= bound; j += 4 * LANES) {
                FloatVector a0 = FloatVector.zero(SPECIES);
                FloatVector a1 = FloatVector.zero(SPECIES);
                FloatVector a2 = FloatVector.zero(SPECIES);
                FloatVector a3 = FloatVector.zero(SPECIES);
                for (int c = 0, o = j; c < k; c++, o += k) {
                    FloatVector vc = FloatVector.broadcast(SPECIES, v[c]);
                    a0 = FloatVector.fromArray(SPECIES, m, o).fma(vc, a0);
                    a1 = FloatVector.fromArray(SPECIES, m, o + LANES).fma(vc, a1);
                    a2 = FloatVector.fromArray(SPECIES, m, o + 2 * LANES).fma(vc, a2);
                    a3 = FloatVector.fromArray(SPECIES, m, o + 3 * LANES).fma(vc, a3);
                }
                a0.intoArray(out, j);
                a1.intoArray(out, j + LANES);
                a2.intoArray(out, j + 2 * LANES);
                a3.intoArray(out, j + 3 * LANES);
            }
            for (; j < bound; j += LANES) {
                FloatVector a = FloatVector.zero(SPECIES);
                for (int c = 0, o = j; c < k; c++, o += k) {
                    a = FloatVector.fromArray(SPECIES, m, o).fma(FloatVector.broadcast(SPECIES, v[c]), a);
                }
                a.intoArray(out, j);
            }
            for (; j < k; j++) {
                float s = 0;
                for (int c = 0, o = j; c < k; c++, o += k) {
                    s += m[o] * v[c];
                }
                out[j] = s;
            }
        };
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        int bound = SPECIES.loopBound(n);
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i < bound; i += LANES) {
            acc = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
        }
        float s = sum(acc);
        for (; i < n; i++) {
            s += a[aOffset + i] * b[bOffset + i];
        }
        return s;
    }

    /**
     * The sum of the lanes, always added in the same tree. Not {@code reduceLanes(ADD)}: its order
     * is unspecified, and the JIT-compiled reduction sums in another order than the interpreter's,
     * so the factors would depend on when the JIT got to the solver, not only on the data and seed.
     */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> half : HALVES) {
            v = v.add(v.rearrange(half));
        }
        return v.lane(0);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        int bound = SPECIES.loopBound(n);
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i).fma(va, FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }
}
