package io.sieve.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import io.sieve.bundle.NeighbourTable;
import io.sieve.bundle.RankedList;
import io.sieve.bundle.SegmentScheme;
import io.sieve.config.SieveConfig.CoVisitationTraining;
import io.sieve.model.User;
import io.sieve.store.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The bundle's tables, computed in Spark as {@code io.sieve.train.Trainer} and
 * {@code CoVisitationBuilder} compute them in one process: popularity, trending, segment favourites
 * and the co-visitation neighbours. Only the finished tables come back to the driver.
 */
final class Tables {
    private Tables() {
    }

    /** Per item, the summed positive net weight; its {@code length} best. */
    static RankedList popularity(Interactions data, int length) {
        return top(data.positive().groupBy("idx").agg(sum("w").as("score")), data.items().size(), length);
    }

    /** Per item, each positive event's weight decayed to the newest event with {@code halfLife}. */
    static RankedList trending(Interactions data, long newestMillis, Duration halfLife, int length) {
        Dataset<Row> decayed = data.weighted().where(col("w").gt(0))
                .withColumn("score", col("w").multiply(pow(lit(0.5),
                        lit((double) newestMillis).minus(col("at")).divide((double) halfLife.toMillis()))))
                .groupBy("idx").agg(sum("score").as("score"));
        return top(decayed, data.items().size(), length);
    }

    /** Per segment key of {@code scheme} (country=de, age=25-34, ...), the favourites of its users. */
    static Map<String, RankedList> segments(Interactions data, Dataset<Row> users, SegmentScheme scheme, int length) {
        List<String> attributes = List.copyOf(scheme.attributes());
        List<Integer> ageBounds = List.copyOf(scheme.ageBounds());
        var keys = users.javaRDD().flatMap((Row u) -> {
            SegmentScheme inExecutor = new SegmentScheme(attributes, ageBounds);
            List<Row> out = new ArrayList<>();
            for (String key : inExecutor.keysOf(Json.MAPPER.readValue(u.getString(1), User.class))) {
                out.add(RowFactory.create(u.getString(0), key));
            }
            return out.iterator();
        });
        Dataset<Row> userKeys = users.sparkSession().createDataFrame(keys, new StructType()
                .add("user", DataTypes.StringType, false).add("key", DataTypes.StringType, false));
        WindowSpec best = Window.partitionBy("key").orderBy(col("score").desc(), col("idx").asc());
        List<Row> rows = data.positive().join(userKeys, "user")
                .groupBy("key", "idx").agg(sum("w").as("score"))
                .withColumn("rank", row_number().over(best)).where(col("rank").leq(length))
                .orderBy("key", "rank").collectAsList();
        Map<String, List<Row>> byKey = new TreeMap<>();
        rows.forEach(r -> byKey.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
        Map<String, RankedList> segments = new TreeMap<>();
        byKey.forEach((key, list) -> segments.put(key, ranked(list.iterator(), list.size())));
        return segments;
    }

    /**
     * Item-to-item co-visitation: the pairs among each user's latest {@code maxUserItems} positive
     * items (within {@code window} positions, 0: all), each adding the smaller weight, normalised
     * by c(i,j) / (n(i)^alpha * n(j)^(1-alpha) + shrink), the best {@code neighbours} per item.
     */
    static NeighbourTable coVisitation(Interactions data, CoVisitationTraining params) {
        // UserLog's order: latest event, then first event, then the item (the log's order within a millisecond).
        WindowSpec newestFirst = Window.partitionBy("user").orderBy(col("latest").desc(), col("first").desc(), col("idx").desc());
        WindowSpec inTimeOrder = Window.partitionBy("user").orderBy(col("latest").asc(), col("first").asc(), col("idx").asc());
        Dataset<Row> kept = data.positive()
                .withColumn("recent", row_number().over(newestFirst)).where(col("recent").leq(params.maxUserItems()))
                .withColumn("p", row_number().over(inTimeOrder))
                .select("user", "idx", "w", "p").cache();
        Dataset<Row> norm = kept.groupBy("idx").agg(sum("w").as("n"));
        Dataset<Row> a = kept.as("a");
        Dataset<Row> b = kept.as("b");
        var together = col("a.user").equalTo(col("b.user")).and(col("a.idx").notEqual(col("b.idx")));
        if (params.window() > 0) {
            together = together.and(abs(col("a.p").minus(col("b.p"))).leq(params.window()));
        }
        Dataset<Row> counts = a.join(b, together)
                .groupBy(col("a.idx").as("i"), col("b.idx").as("j"))
                .agg(sum(least(col("a.w"), col("b.w"))).as("c"));
        Dataset<Row> scored = counts
                .join(norm.select(col("idx").as("i"), col("n").as("ni")), "i")
                .join(norm.select(col("idx").as("j"), col("n").as("nj")), "j")
                .withColumn("score", col("c").divide(pow(col("ni"), params.alpha())
                        .multiply(pow(col("nj"), 1 - params.alpha())).plus(params.shrink())));
        WindowSpec best = Window.partitionBy("i").orderBy(col("score").desc(), col("j").asc());
        List<Row> rows = scored.withColumn("rank", row_number().over(best)).where(col("rank").leq(params.neighbours()))
                .select("i", "j", "score").orderBy("i", "rank").collectAsList();
        kept.unpersist();
        int items = data.items().size();
        int[] offsets = new int[items + 1];
        int[] neighbours = new int[rows.size()];
        float[] scores = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            offsets[row.getInt(0) + 1]++;
            neighbours[r] = row.getInt(1);
            scores[r] = (float) row.getDouble(2);
        }
        for (int i = 0; i < items; i++) {
            offsets[i + 1] += offsets[i];
        }
        return new NeighbourTable(offsets, neighbours, scores);
    }

    /** The {@code length} best positive scores of ({@code idx}, {@code score}), ties by item number, as RankedList.top orders them. */
    private static RankedList top(Dataset<Row> scores, int items, int length) {
        double[] dense = new double[items];
        for (Row r : scores.collectAsList()) {
            dense[r.getInt(0)] = r.getDouble(1);
        }
        return RankedList.top(dense, length);
    }

    /** A ranked list from rows ({@code key, idx, score, rank}) already in rank order. */
    private static RankedList ranked(Iterator<Row> rows, int size) {
        int[] items = new int[size];
        float[] scores = new float[size];
        for (int k = 0; rows.hasNext(); k++) {
            Row r = rows.next();
            items[k] = r.getInt(1);
            scores[k] = (float) r.getDouble(2);
        }
        return new RankedList(items, scores);
    }
}
