package io.sieve.train.cf;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.cf.DenseMath;

/**
 * The inner loops of {@link ImplicitAls}'s conjugate-gradient row solves: the dense product with
 * YᵀY + λI, dot products and axpy over the observed rows. Two implementations: the Java Vector
 * API ({@code jdk.incubator.vector}, which {@code ./sieve} adds to the JVM) and plain loops for a
 * JVM started without it. The Vector API computes the same sums in another order, so a bundle's
 * factors depend, in their last bits, on which one ran and on the CPU's vector width.
 */
interface CgKernels {
    /** A fixed k × k matrix applied to vectors: the dense product of every CG step. */
    interface Product {
        /** out = M v */
        void times(float[] v, float[] out);
    }

    /** What the log says ran. */
    String name();

    /** @param matrix row-major k × k, symmetric */
    Product product(double[] matrix, int k);

    float dot(float[] a, int aOffset, float[] b, int bOffset, int n);

    /** y += alpha x */
    void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n);

    /** The Vector API's kernels when the JVM has the module, else plain loops. */
    static CgKernels best() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? new VectorCgKernels() : PLAIN;
    }

    /** Plain Java loops (the product keeps the matrix in double precision). */
    CgKernels PLAIN = new CgKernels() {
        @Override
        public String name() {
            return "plain Java";
        }

        @Override
        public Product product(double[] matrix, int k) {
            return (v, out) -> DenseMath.multiply(matrix, v, out, k);
        }

        @Override
        public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
            return VectorMath.dot(a, aOffset, b, bOffset, n);
        }

        @Override
        public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
            DenseMath.axpy(alpha, x, xOffset, y, yOffset, n);
        }
    };
}
