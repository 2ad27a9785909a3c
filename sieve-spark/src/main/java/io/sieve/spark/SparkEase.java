package io.sieve.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.sieve.bundle.cf.EaseModel;
import io.sieve.config.SieveConfig.EaseTraining;
import io.sieve.train.cf.Ease;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EASE with its Gram matrix counted in Spark: the {@code maxItems} items most users have (ties by
 * item number, as {@link Ease} chooses them), and for each pair of them the number of users with
 * both, from a self-join of the users' positive items. The n × n inverse is solved on the driver by
 * Sieve's own {@link Ease}, so the model is the one {@code sieve train} fits.
 */
final class SparkEase {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEase.class);

    private SparkEase() {
    }

    static EaseModel fit(Interactions data, EaseTraining settings) {
        long start = System.nanoTime();
        Dataset<Row> positive = data.positive().select("user", "idx");
        int[] chosen = positive.groupBy("idx").count()
                .orderBy(col("count").desc(), col("idx").asc()).limit(settings.maxItems())
                .collectAsList().stream().mapToInt(r -> r.getInt(0)).sorted().toArray();
        int n = chosen.length;
        List<Row> rows = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            rows.add(RowFactory.create(chosen[l], l));
        }
        Dataset<Row> local = positive.sparkSession().createDataFrame(rows, new StructType()
                .add("idx", DataTypes.IntegerType, false).add("row", DataTypes.IntegerType, false));
        Dataset<Row> kept = positive.join(broadcast(local), "idx").select("user", "row");
        Dataset<Row> a = kept.as("a");
        Dataset<Row> b = kept.as("b");
        double[] gram = new double[n * n];
        // Up to n² counts: streamed to the driver a partition at a time, not collected in one list.
        Iterator<Row> pairs = a.join(b, col("a.user").equalTo(col("b.user")))
                .groupBy(col("a.row"), col("b.row")).count().toLocalIterator();
        while (pairs.hasNext()) {
            Row pair = pairs.next();
            gram[pair.getInt(0) * n + pair.getInt(1)] = pair.getLong(2);
        }
        EaseModel model = new Ease(new Ease.Params(settings.lambda(), settings.maxItems())).fit(chosen, data.items().size(), gram);
        LOG.info("EASE: Gram matrix of {} items counted by Spark, solved on the driver in {} s", n,
                (System.nanoTime() - start) / 1_000_000_000);
        return model;
    }
}
