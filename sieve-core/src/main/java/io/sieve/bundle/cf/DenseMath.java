package io.sieve.bundle.cf;

/**
 * The inner loops of factor models besides the dot product, which is shared with vector search
 * ({@link io.sieve.ann.VectorMath#dot}).
 */
public final class DenseMath {
    private DenseMath() {
    }

    /** y += alpha * x */
    public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    /**
     * out = m * v for a row-major n × n double matrix. Four rows at a time: each row's sum is still
     * taken in column order (the result is bit for bit that of one row at a time), but four
     * independent sums keep the FPU busy where one sum waits on its own previous addition. This is
     * the Gram-matrix product of every ALS conjugate-gradient step, the solver's largest cost.
     */
    public static void multiply(double[] m, float[] v, float[] out, int n) {
        int r = 0;
        for (; r + 3 < n; r += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            for (int c = 0; c < n; c++) {
                double vc = v[c];
                s0 += m[o0 + c] * vc;
                s1 += m[o1 + c] * vc;
                s2 += m[o2 + c] * vc;
                s3 += m[o3 + c] * vc;
            }
            out[r] = (float) s0;
            out[r + 1] = (float) s1;
            out[r + 2] = (float) s2;
            out[r + 3] = (float) s3;
        }
        for (; r < n; r++) {
            double s = 0;
            int o = r * n;
            for (int c = 0; c < n; c++) {
                s += m[o + c] * v[c];
            }
            out[r] = (float) s;
        }
    }

    /**
     * Solves A x = b in place for a symmetric positive-definite row-major n × n matrix (Cholesky);
     * A is overwritten by its factor, b by the solution. The k × k systems of fold-in are small
     * enough that a library call would cost more than the arithmetic.
     */
    public static void solveSpd(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (d <= 0) {
                throw new ArithmeticException("matrix is not positive definite");
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * b[k];
            }
            b[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * b[k];
            }
            b[i] = s / a[i * n + i];
        }
    }
}
