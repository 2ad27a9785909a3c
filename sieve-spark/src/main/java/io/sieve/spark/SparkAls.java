package io.sieve.spark;

import static org.apache.spark.sql.functions.col;

import io.sieve.ann.AnnParams;
import io.sieve.ann.VectorIndexes;
import io.sieve.bundle.Indexed;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Confidence;
import io.sieve.bundle.cf.Factors;
import io.sieve.config.ConfidenceScale;
import io.sieve.config.SieveConfig.AlsTraining;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implicit ALS by Spark MLlib on the positive net weights, its item factors served by Sieve's
 * {@link AlsModel} (which folds each user in at request time, so user factors are not kept) and
 * indexed as {@code training.ann} says. MLlib's confidence is linear, 1 + alpha * w, so the model
 * is trained that way whatever {@code training.als.confidence} says, and served with the same.
 *
 * <p>MLlib scales its regularisation by each row's number of ratings (ALS-WR), Sieve's solver does
 * not: {@code regParam} is MLlib's own, while serving folds users in with {@code training.als.regularization}.
 */
final class SparkAls {
    private static final Logger LOG = LoggerFactory.getLogger(SparkAls.class);

    private SparkAls() {
    }

    static Indexed<AlsModel> fit(Interactions data, AlsTraining settings, double regParam, AnnParams ann) {
        long start = System.nanoTime();
        Dataset<Row> positive = data.positive();
        // MLlib wants integer users: number them in the order Spark finds them, from one stored copy,
        // since zipWithIndex counts the partitions in one job and numbers them in the next.
        var distinct = positive.select("user").distinct().javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        var numbered = distinct.zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), Math.toIntExact(t._2())));
        Dataset<Row> users = positive.sparkSession().createDataFrame(numbered, new StructType()
                .add("user", DataTypes.StringType, false).add("uid", DataTypes.IntegerType, false));
        Dataset<Row> ratings = positive.join(users, "user").select(col("uid"), col("idx"), col("w").cast(DataTypes.FloatType).as("w"));
        ALSModel model = new ALS()
                .setImplicitPrefs(true)
                .setRank(settings.factors())
                .setMaxIter(settings.iterations())
                .setRegParam(regParam)
                .setAlpha(settings.alpha())
                .setSeed(settings.seed())
                .setUserCol("uid")
                .setItemCol("idx")
                .setRatingCol("w")
                .fit(ratings);
        distinct.unpersist();
        int items = data.items().size();
        int dim = settings.factors();
        float[] vectors = new float[items * dim];
        List<Row> factors = model.itemFactors().collectAsList();
        for (Row row : factors) {
            List<Float> features = row.getList(1);
            int offset = row.getInt(0) * dim;
            for (int d = 0; d < dim; d++) {
                vectors[offset + d] = features.get(d);
            }
        }
        LOG.info("ALS by MLlib: {} factors, {} iterations, regParam {} in {} s", dim, settings.iterations(), regParam,
                (System.nanoTime() - start) / 1_000_000_000);
        AlsModel served = new AlsModel(new Factors(items, dim, vectors), settings.regularization(),
                new Confidence(ConfidenceScale.linear, settings.alpha(), settings.epsilon()));
        return new Indexed<>(served, VectorIndexes.build(vectors, items, dim, ann));
    }
}
