package io.sieve.bench.spark;

import io.sieve.train.cf.InteractionMatrix;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark MLlib's implicit ALS in local mode, on the loopback interface only. Spark reports no
 * per-iteration time, so fit() is timed whole at maxIter = N and at maxIter = 1: the difference
 * removes what every fit pays once (partitioning the ratings into blocks, collecting the factors).
 */
final class SparkAlsTiming implements AutoCloseable {
    /** Seconds per iteration: (t_N − t_1) / (N − 1), and the plain t_N / N that includes the set-up. */
    record Timing(double perIteration, double wholeFitPerIteration) {
    }

    private final SparkSession spark;

    SparkAlsTiming(int cores) {
        spark = SparkSession.builder()
                .appName("sieve-als-vs-spark")
                .master("local[" + cores + "]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", false)
                // The default of 200 would make 200 tiny tasks per SQL shuffle on 2 cores.
                .config("spark.sql.shuffle.partitions", 2 * cores)
                .getOrCreate();
    }

    Timing time(InteractionMatrix matrix, AlsSettings settings) {
        if (settings.iterations() < 2) {
            throw new IllegalArgumentException("timing by difference needs at least 2 iterations");
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<InteractionRows> arrays = context.broadcast(InteractionRows.of(matrix));
        Dataset<Row> ratings = frame(context, arrays).cache();
        System.err.printf("Spark: %,d rows cached%n", ratings.count());
        try {
            fitSeconds(ratings, settings, 1); // warm-up: JIT, Spark's lazy initialisation
            double one = fitSeconds(ratings, settings, 1);
            double all = fitSeconds(ratings, settings, settings.iterations());
            return new Timing((all - one) / (settings.iterations() - 1), all / settings.iterations());
        } finally {
            ratings.unpersist(true);
            arrays.destroy();
        }
    }

    /** Two slices per core, each a range of users whose rows are streamed from the broadcast arrays. */
    private Dataset<Row> frame(JavaSparkContext context, Broadcast<InteractionRows> arrays) {
        int slices = 2 * context.defaultParallelism();
        int users = arrays.value().users();
        List<Integer> sliceIndexes = IntStream.range(0, slices).boxed().toList();
        JavaRDD<Row> rows = context.parallelize(sliceIndexes, slices).flatMap(s -> arrays.value()
                .rows((int) ((long) users * s / slices), (int) ((long) users * (s + 1) / slices)));
        return spark.createDataFrame(rows, InteractionRows.SCHEMA);
    }

    private static double fitSeconds(Dataset<Row> ratings, AlsSettings settings, int iterations) {
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setRank(settings.factors())
                .setMaxIter(iterations)
                .setRegParam(settings.regularization())
                .setAlpha(settings.alpha())
                .setSeed(settings.seed())
                .setUserCol("user")
                .setItemCol("item")
                .setRatingCol("strength");
        long start = System.nanoTime();
        // fit() is eager: ALS materialises both factor RDDs before it returns the model.
        als.fit(ratings);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("Spark fit, maxIter %d: %.2f s%n", iterations, seconds);
        return seconds;
    }

    @Override
    public void close() {
        spark.stop();
    }
}
