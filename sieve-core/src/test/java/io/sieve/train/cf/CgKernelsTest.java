package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.config.ConfidenceScale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels compute what the plain loops compute, for sizes that fill whole vector
 * registers and sizes that leave a tail, and ALS fitted with either reaches the same factors up to
 * rounding. Tests run with {@code --add-modules jdk.incubator.vector}, as {@code ./sieve} does.
 */
class CgKernelsTest {
    private static final CgKernels VECTOR = CgKernels.best();

    @Test
    void theVectorApiIsWhatTheProductUsesHere() {
        assertTrue(VECTOR instanceof VectorCgKernels, VECTOR.name());
    }

    @Test
    void vectorKernelsAgreeWithThePlainLoops() {
        SplittableRandom random = new SplittableRandom(42);
        for (int k : new int[] {1, 5, 16, 31, 64, 100, 128}) {
            double[] m = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    m[i * k + j] = m[j * k + i] = random.nextDouble(-1, 1);
                }
            }
            float[] v = floats(random, k + 3);
            float[] plain = new float[k];
            float[] simd = new float[k];
            CgKernels.PLAIN.product(m, k).times(v, plain);
            VECTOR.product(m, k).times(v, simd);
            for (int i = 0; i < k; i++) {
                assertEquals(plain[i], simd[i], 1e-4 * k, "product, k " + k + ", row " + i);
            }
            float[] a = floats(random, k + 3);
            assertEquals(CgKernels.PLAIN.dot(a, 3, v, 1, k), VECTOR.dot(a, 3, v, 1, k), 1e-4 * k, "dot, k " + k);
            float[] y1 = floats(random, k + 2);
            float[] y2 = y1.clone();
            CgKernels.PLAIN.axpy(0.7f, a, 2, y1, 1, k);
            VECTOR.axpy(0.7f, a, 2, y2, 1, k);
            for (int i = 0; i < y1.length; i++) {
                assertEquals(y1[i], y2[i], 1e-6, "axpy, k " + k + ", element " + i);
            }
        }
    }

    @Test
    void alsFitWithEitherKernelsReachesTheSameFactors() {
        SplittableRandom random = new SplittableRandom(7);
        int users = 300;
        int items = 120;
        int[] rowStart = new int[users + 1];
        int[] cols = new int[users * 12];
        float[] values = new float[cols.length];
        for (int u = 0; u < users; u++) {
            rowStart[u + 1] = rowStart[u] + 12;
            int cluster = u % 4;
            for (int q = 0; q < 12; q++) {
                // 12 distinct items of the user's cluster (items i with i % 4 == cluster), strength 1 or 2
                cols[u * 12 + q] = ((u * 7 + q * 5) % 30) * 4 + cluster;
                values[u * 12 + q] = 1 + random.nextInt(2);
            }
            java.util.Arrays.sort(cols, u * 12, u * 12 + 12);
        }
        var m = new InteractionMatrix(java.util.stream.IntStream.range(0, users).mapToObj(u -> "u" + u).toList(),
                items, rowStart, cols, values);
        var params = new ImplicitAls.Params(32, 10, 1.0, new Confidence(ConfidenceScale.linear, 10, 1), 3, 3, 2);
        AlsModel plain = new ImplicitAls(params, CgKernels.PLAIN).fit(m, (it, ns) -> { });
        AlsModel simd = new ImplicitAls(params, VECTOR).fit(m, (it, ns) -> { });
        float[] a = plain.items().data();
        float[] b = simd.items().data();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += a[i] * a[i];
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-3, "relative difference " + Math.sqrt(diff / norm));
    }

    private static float[] floats(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextDouble(-1, 1);
        }
        return out;
    }
}
