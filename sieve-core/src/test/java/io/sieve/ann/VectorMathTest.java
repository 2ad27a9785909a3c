package io.sieve.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    @Test
    void dotMatchesTheTextbookSumForEveryLengthAndOffset() {
        Random random = new Random(7);
        for (int length = 0; length <= 19; length++) {
            float[] a = random(length + 3, random);
            float[] b = random(length + 5, random);
            double expected = 0;
            for (int i = 0; i < length; i++) {
                expected += (double) a[3 + i] * b[5 + i];
            }
            assertEquals(expected, VectorMath.dot(a, 3, b, 5, length), 1e-5, "length " + length);
        }
    }

    @Test
    void dotOfWholeArraysNeedsEqualDimensions() {
        assertEquals(32f, VectorMath.dot(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
        assertThrows(IllegalArgumentException.class, () -> VectorMath.dot(new float[2], new float[3]));
    }

    @Test
    void normaliseGivesUnitRowsAndLeavesZeroRowsAlone() {
        float[] rows = {3, 4, 0, 0, 0, 0, 1, 1};
        VectorMath.normaliseRows(rows, 2);
        assertEquals(0.6f, rows[0], 1e-6);
        assertEquals(0.8f, rows[1], 1e-6);
        assertEquals(0f, rows[2]);
        assertEquals(1f, VectorMath.dot(rows, 6, rows, 6, 2), 1e-6);
        float[] v = {0, 5};
        assertSame(v, VectorMath.normalise(v), "in place");
        assertEquals(1f, v[1]);
    }

    private static float[] random(int n, Random random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
