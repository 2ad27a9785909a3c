package io.sieve.bundle.cf;

import java.util.SplittableRandom;

/** Dense row-major factor vectors: row r is {@code data[r*dim .. (r+1)*dim)}. */
public record Factors(int rows, int dim, float[] data) {

    public static Factors zeros(int rows, int dim) {
        return new Factors(rows, dim, new float[rows * dim]);
    }

    /** Small Gaussian values, each row seeded by its index so that the result never depends on threads. */
    public static Factors random(int rows, int dim, double scale, long seed) {
        float[] data = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + r);
            for (int d = 0; d < dim; d++) {
                data[r * dim + d] = (float) (gaussian(random) * scale);
            }
        }
        return new Factors(rows, dim, data);
    }

    public int offset(int row) {
        return row * dim;
    }

    public float[] row(int r) {
        float[] out = new float[dim];
        System.arraycopy(data, r * dim, out, 0, dim);
        return out;
    }

    /** The k × k Gram matrix F^T F, row-major, in double precision because it sums over every row. */
    public double[] gram() {
        double[] g = new double[dim * dim];
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            for (int a = 0; a < dim; a++) {
                double fa = data[o + a];
                if (fa == 0) {
                    continue;
                }
                for (int b = a; b < dim; b++) {
                    g[a * dim + b] += fa * data[o + b];
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < a; b++) {
                g[a * dim + b] = g[b * dim + a];
            }
        }
        return g;
    }

    /** A standard normal draw. */
    public static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian of its own in Java 21's API.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
