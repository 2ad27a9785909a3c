package io.sieve.bench;

import io.sieve.config.ConfidenceScale;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.bundle.cf.DenseMath;
import io.sieve.bundle.cf.Factors;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The request-time ALS step: a user's vector from their history against fixed item factors. The
 * k × k solve is hand-written (DenseMath.solveSpd); EJML's Cholesky solver on the same system is
 * the baseline that justifies it. {@code foldIn} is the whole step: building YᵀY + Yᵀ(C − I)Y for
 * {@code historyItems} items, then the solve.
 *
 * <p>Run: {@code bench/run-jmh.sh FoldInBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FoldInBenchmark {
    @Param({"64"})
    public int factors;

    @Param({"50", "200"})
    public int historyItems;

    private AlsModel model;
    private int[] items;
    private float[] strengths;
    private double[] system;
    private double[] rhs;
    private LinearSolverDense<DMatrixRMaj> ejml;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        model = new AlsModel(Factors.random(20_000, factors, 0.1, 42), 10, new Confidence(ConfidenceScale.linear, 10, 1));
        items = random.ints(historyItems, 0, 20_000).toArray();
        strengths = new float[historyItems];
        java.util.Arrays.fill(strengths, 1f);
        // A well-conditioned SPD system of the fold-in's size: YᵀY + λI.
        system = model.items().gram();
        for (int d = 0; d < factors; d++) {
            system[d * factors + d] += 10;
        }
        rhs = random.doubles(factors).toArray();
        ejml = LinearSolverFactory_DDRM.chol(factors);
    }

    @Benchmark
    public float[] foldIn() {
        return model.foldIn(items, strengths);
    }

    @Benchmark
    public double[] solveHandWritten() {
        double[] a = system.clone();
        double[] b = rhs.clone();
        DenseMath.solveSpd(a, b, factors);
        return b;
    }

    @Benchmark
    public DMatrixRMaj solveEjmlBaseline() {
        DMatrixRMaj a = new DMatrixRMaj(factors, factors, true, system.clone());
        DMatrixRMaj b = new DMatrixRMaj(factors, 1, true, rhs.clone());
        DMatrixRMaj x = new DMatrixRMaj(factors, 1);
        ejml.setA(a);
        ejml.solve(b, x);
        return x;
    }
}
