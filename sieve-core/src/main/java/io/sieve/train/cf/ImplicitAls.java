package io.sieve.train.cf;

import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.bundle.cf.Factors;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Implicit-feedback matrix factorisation (Hu, Koren, Volinsky 2008) solved by alternating least
 * squares, each row by a few conjugate-gradient steps warm-started from the previous iteration
 * (Takács, Pilászy, Tikk 2011) instead of a full k × k solve: O(k·nnz + k²·rows) per iteration
 * rather than O(k³·rows). Rows are independent, so each half-iteration runs in parallel; every
 * row's arithmetic is fixed, so results do not depend on the thread count.
 */
public final class ImplicitAls {
    /** Called after each iteration, e.g. to time it. */
    public interface IterationListener {
        void iterationDone(int iteration, long nanos);
    }

    /**
     * @param threads 0 uses every core
     */
    public record Params(int factors, int iterations, double regularization, Confidence confidence,
                         int cgSteps, long seed, int threads) {
    }

    private final Params params;
    private final CgKernels kernels;

    public ImplicitAls(Params params) {
        this(params, CgKernels.best());
    }

    ImplicitAls(Params params, CgKernels kernels) {
        this.params = params;
        this.kernels = kernels;
    }

    /** Which inner loops run: the Java Vector API's or plain Java's. */
    public String kernels() {
        return kernels.name();
    }

    public AlsModel fit(InteractionMatrix userItems, IterationListener listener) {
        InteractionMatrix itemUsers = userItems.transpose();
        int k = params.factors();
        Factors users = Factors.random(userItems.rows(), k, 0.01, params.seed());
        Factors items = Factors.random(userItems.columns(), k, 0.01, params.seed() + 1);
        // Not the common pool: it has one thread fewer than the machine has cores (the caller is
        // meant to be the last), and a task submitted to it runs without the caller, so ALS on 2
        // cores ran on one (BENCHMARKS.md, issue 13).
        ForkJoinPool pool = new ForkJoinPool(params.threads() > 0 ? params.threads() : Runtime.getRuntime().availableProcessors());
        try {
            for (int it = 0; it < params.iterations(); it++) {
                long start = System.nanoTime();
                solve(userItems, items, users, pool);
                solve(itemUsers, users, items, pool);
                listener.iterationDone(it, System.nanoTime() - start);
            }
        } finally {
            pool.shutdown();
        }
        return new AlsModel(items, params.regularization(), params.confidence());
    }

    /** Updates every row of {@code target} against the fixed {@code fixed} factors. */
    private void solve(InteractionMatrix m, Factors fixed, Factors target, ForkJoinPool pool) {
        double[] gram = fixed.gram();
        int k = fixed.dim();
        for (int d = 0; d < k; d++) {
            gram[d * k + d] += params.regularization();
        }
        CgKernels.Product gramPlusReg = kernels.product(gram, k);
        pool.submit(() -> IntStream.range(0, m.rows()).parallel().forEach(row -> {
            float[] x = target.row(row);
            conjugateGradient(m, row, fixed, gramPlusReg, x);
            System.arraycopy(x, 0, target.data(), target.offset(row), k);
        })).join();
    }

    /**
     * Minimises ||C^(1/2) (p - Y x)||² + λ||x||² for one row: A = YᵀY + λI + Yᵀ(C − I)Y and
     * b = Yᵀ C p, where only the row's observed columns contribute to the sparse parts.
     */
    private void conjugateGradient(InteractionMatrix m, int row, Factors y, CgKernels.Product gramPlusReg, float[] x) {
        int k = y.dim();
        float[] yd = y.data();
        float[] r = new float[k];
        float[] p = new float[k];
        float[] ap = new float[k];
        gramPlusReg.times(x, r);
        for (int d = 0; d < k; d++) {
            r[d] = -r[d];
        }
        for (int q = m.rowStart()[row]; q < m.rowStart()[row + 1]; q++) {
            double c = params.confidence().of(m.values()[q]);
            int o = y.offset(m.cols()[q]);
            float dot = kernels.dot(yd, o, x, 0, k);
            kernels.axpy((float) (c - (c - 1) * dot), yd, o, r, 0, k);
        }
        System.arraycopy(r, 0, p, 0, k);
        double rsOld = kernels.dot(r, 0, r, 0, k);
        for (int step = 0; step < params.cgSteps() && rsOld > 1e-20; step++) {
            gramPlusReg.times(p, ap);
            for (int q = m.rowStart()[row]; q < m.rowStart()[row + 1]; q++) {
                double c = params.confidence().of(m.values()[q]);
                int o = y.offset(m.cols()[q]);
                kernels.axpy((float) ((c - 1) * kernels.dot(yd, o, p, 0, k)), yd, o, ap, 0, k);
            }
            double alpha = rsOld / kernels.dot(p, 0, ap, 0, k);
            kernels.axpy((float) alpha, p, 0, x, 0, k);
            kernels.axpy((float) -alpha, ap, 0, r, 0, k);
            double rsNew = kernels.dot(r, 0, r, 0, k);
            for (int d = 0; d < k; d++) {
                p[d] = (float) (r[d] + rsNew / rsOld * p[d]);
            }
            rsOld = rsNew;
        }
    }
}
