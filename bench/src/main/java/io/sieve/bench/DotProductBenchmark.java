package io.sieve.bench;

import io.sieve.ann.VectorMath;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link VectorMath#dot} (four independent accumulators) against the textbook loop with one running
 * sum, over 1,024 cache-resident rows, in the two ways the engine calls it:
 * <ul>
 *   <li>{@code scan}: independent rows, as in the exact index, where the CPU can overlap one
 *       row's additions with the next row's;
 *   <li>{@code chained}: each dot product needs the previous one's result (fed back through the
 *       query), as in a conjugate-gradient step, so the chain of additions is the critical path.
 * </ul>
 * Sample mode reports the median time per dot product.
 *
 * <p>Run: {@code bench/run-jmh.sh DotProductBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DotProductBenchmark {
    private static final int ROWS = 1_024;

    /** The loop under test; each value runs in its own forked JVM, so the call below stays monomorphic. */
    @Param({"naive", "unrolled"})
    public String loop;

    @Param({"64"})
    public int dim;

    private DotProduct dot;
    private float[] rows;
    private float[] query;

    private interface DotProduct {
        float of(float[] query, float[] rows, int offset, int length);
    }

    @Setup
    public void setUp() {
        dot = loop.equals("unrolled") ? (q, r, offset, length) -> VectorMath.dot(q, 0, r, offset, length)
                : DotProductBenchmark::naiveDot;
        Random random = new Random(42);
        rows = new float[ROWS * dim];
        query = new float[dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < dim; i++) {
            query[i] = (float) random.nextGaussian();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public float scan() {
        float sum = 0;
        for (int row = 0; row < ROWS; row++) {
            sum += dot.of(query, rows, row * dim, dim);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public float chained() {
        float sum = 0;
        for (int row = 0; row < ROWS; row++) {
            query[0] = sum * 1e-30f;
            sum += dot.of(query, rows, row * dim, dim);
        }
        return sum;
    }

    /** The textbook loop: one running sum, so each addition waits for the previous one. */
    private static float naiveDot(float[] a, float[] b, int offset, int length) {
        float s = 0;
        for (int i = 0; i < length; i++) {
            s += a[i] * b[offset + i];
        }
        return s;
    }
}
