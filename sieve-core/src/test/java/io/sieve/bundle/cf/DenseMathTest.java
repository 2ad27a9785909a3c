package io.sieve.bundle.cf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseMathTest {
    /** The blocked product must give ALS exactly the numbers the one-row-at-a-time sum gave. */
    @Test
    void theBlockedProductIsBitForBitTheRowByRowSum() {
        Random random = new Random(7);
        for (int n : new int[] {1, 3, 4, 5, 8, 63, 64, 65}) {
            double[] m = new double[n * n];
            float[] v = new float[n];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextGaussian() * 1e3;
            }
            for (int i = 0; i < n; i++) {
                v[i] = (float) random.nextGaussian();
            }
            float[] expected = new float[n];
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += m[r * n + c] * v[c];
                }
                expected[r] = (float) s;
            }
            float[] out = new float[n];
            DenseMath.multiply(m, v, out, n);
            assertArrayEquals(expected, out, 0f, "n = " + n);
        }
    }

    @Test
    void solvesASymmetricPositiveDefiniteSystem() {
        double[] a = {4, 2, 2, 3};
        double[] b = {2, 1};
        DenseMath.solveSpd(a, b, 2);
        assertEquals(0.5, b[0], 1e-12);
        assertEquals(0.0, b[1], 1e-12);
    }
}
