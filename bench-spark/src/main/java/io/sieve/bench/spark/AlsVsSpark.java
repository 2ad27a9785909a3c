package io.sieve.bench.spark;

import dev.ludovic.netlib.blas.BLAS;
import io.sieve.train.cf.InteractionMatrix;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Seconds per implicit-ALS iteration, Sieve against Spark MLlib, on one dataset in one JVM: both
 * get the same interactions, 64 factors, regularisation, alpha, iterations and 2 cores. Progress
 * goes to stderr, the result to stdout as a markdown table. Run by bench/als-vs-spark.sh.
 * <pre>
 * AlsVsSpark movielens-100k PATH/u.data ITERATIONS
 * AlsVsSpark synthetic USERS ITEMS INTERACTIONS ITERATIONS
 * </pre>
 */
public final class AlsVsSpark {
    private static final int FACTORS = 64;
    /** Sieve's shipped defaults (training.als in defaults.yaml); Spark gets the same numbers. */
    private static final double REGULARIZATION = 50;
    private static final double ALPHA = 10;
    private static final long SEED = 42;
    private static final int CORES = 2;

    private AlsVsSpark() {
    }

    public static void main(String[] args) throws IOException {
        String name;
        InteractionMatrix matrix;
        long start = System.nanoTime();
        if (args.length == 3 && args[0].equals("movielens-100k")) {
            name = "ml-100k";
            matrix = MovieLens100k.read(Path.of(args[1]));
        } else if (args.length == 5 && args[0].equals("synthetic")) {
            var shape = new SyntheticInteractions.Shape(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), SEED);
            name = "synthetic";
            matrix = SyntheticInteractions.generate(shape);
        } else {
            System.err.println("usage: AlsVsSpark movielens-100k PATH/u.data ITERATIONS");
            System.err.println("       AlsVsSpark synthetic USERS ITEMS INTERACTIONS ITERATIONS");
            System.exit(2);
            return;
        }
        System.err.printf("%s: %,d users, %,d items, %,d interactions, loaded in %.1f s%n", name,
                matrix.rows(), matrix.columns(), matrix.nonZeros(), (System.nanoTime() - start) / 1e9);
        var settings = new AlsSettings(FACTORS, Integer.parseInt(args[args.length - 1]), REGULARIZATION, ALPHA,
                SEED, CORES);

        double sieve = SieveAlsTiming.medianSecondsPerIteration(matrix, settings);
        SparkAlsTiming.Timing spark;
        try (var timing = new SparkAlsTiming(CORES)) {
            System.err.println("Spark's BLAS: " + BLAS.getInstance().getClass().getName());
            spark = timing.time(matrix, settings);
        }

        System.out.println("| dataset | users | items | interactions | iterations | Sieve s/iter (median)"
                + " | Spark s/iter, (t_N − t_1)/(N − 1) | Spark t_N / N | Spark / Sieve |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf("| %s | %,d | %,d | %,d | %d | %.3f | %.3f | %.3f | %.1f× |%n", name, matrix.rows(),
                matrix.columns(), matrix.nonZeros(), settings.iterations(), sieve, spark.perIteration(),
                spark.wholeFitPerIteration(), spark.perIteration() / sieve);
    }
}
