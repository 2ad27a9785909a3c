package io.sieve.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sieve.ann.ItemIndex;
import io.sieve.config.SieveConfig.EventTypeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The events as training reads them, in Spark: what {@code io.sieve.train.Interactions} condenses in
 * one process. Each event weighs its type's weight (times its value for types that use it); per
 * user and item the weights add up to a net weight, stamped with the first and latest event.
 *
 * @param weighted the events with their weight {@code w} and item number {@code idx}
 * @param net      per user and item: {@code user, idx, w, first, latest}
 * @param items    the bundle's item index: every catalog item and every item with events, sorted
 */
record Interactions(Dataset<Row> weighted, Dataset<Row> net, ItemIndex items) {

    static Interactions of(SparkSession spark, EventSource source, Map<String, EventTypeConfig> types) {
        List<String> ids = source.items().select(col("id"))
                .union(source.events().select(col("item").as("id")))
                .distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        // Sorted as io.sieve.train.Interactions sorts them: the same item numbers as in-process training.
        ItemIndex index = new ItemIndex(ids.stream().sorted().toList());
        List<Row> numbered = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            numbered.add(RowFactory.create(index.id(i), i));
        }
        Dataset<Row> numbers = spark.createDataFrame(numbered, new StructType()
                .add("item", DataTypes.StringType, false).add("idx", DataTypes.IntegerType, false));
        Dataset<Row> weighted = source.events().withColumn("w", weight(types))
                .join(org.apache.spark.sql.functions.broadcast(numbers), "item")
                .select(col("user"), col("idx"), col("w"), col("at"));
        Dataset<Row> net = weighted.groupBy(col("user"), col("idx"))
                // Kept as a float, as UserLog keeps it: the same sign test and the same sums after.
                .agg(sum(col("w")).cast(DataTypes.FloatType).cast(DataTypes.DoubleType).as("w"),
                        min(col("at")).as("first"), max(col("at")).as("latest"));
        return new Interactions(weighted, net, index);
    }

    /** The net weights above zero: what ALS, popularity, segments and co-visitation count. */
    Dataset<Row> positive() {
        return net.where(col("w").gt(0));
    }

    /** {@code EventType.weightOf}: the type's weight, times the event's value where the type uses values. */
    private static Column weight(Map<String, EventTypeConfig> types) {
        Column weight = lit(0.0);
        for (var type : types.entrySet()) {
            double w = type.getValue().weight();
            Column value = type.getValue().useValue()
                    ? when(col("value").isNull(), lit(w)).otherwise(col("value").multiply(w))
                    : lit(w);
            weight = when(col("type").equalTo(type.getKey()), value).otherwise(weight);
        }
        return weight;
    }
}
