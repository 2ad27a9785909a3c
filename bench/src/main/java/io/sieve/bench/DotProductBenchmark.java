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
 * sum, over 1,024 rows of a row-major array so that each call reads a different row from the
 * cache, as a scan does. Sample mode reports the median time per row.
 *
 * <p>Run: {@code bench/run-jmh.sh DotProductBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DotProductBenchmark {
    private static final int ROWS = 1_024;

    @Param({"64"})
    public int dim;

    private float[] rows;
    private float[] query;

    @Setup
    public void setUp() {
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
    public float unrolled() {
        float sum = 0;
        for (int row = 0; row < ROWS; row++) {
            sum += VectorMath.dot(query, 0, rows, row * dim, dim);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public float naive() {
        float sum = 0;
        for (int row = 0; row < ROWS; row++) {
            sum += naiveDot(query, rows, row * dim, dim);
        }
        return sum;
    }

    private static float naiveDot(float[] a, float[] b, int offset, int length) {
        float s = 0;
        for (int i = 0; i < length; i++) {
            s += a[i] * b[offset + i];
        }
        return s;
    }
}
