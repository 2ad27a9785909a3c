package io.sieve.bench.spark;

import io.sieve.train.cf.InteractionMatrix;
import java.io.Serializable;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The CSR arrays of an {@link InteractionMatrix} in a form Spark can broadcast once, from which
 * each task streams the (user, item, strength) rows of its range of users: no list of ten million
 * rows is ever built on the driver.
 */
record InteractionRows(int[] rowStart, int[] cols, float[] values) implements Serializable {
    static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("strength", DataTypes.FloatType, false);

    static InteractionRows of(InteractionMatrix matrix) {
        return new InteractionRows(matrix.rowStart(), matrix.cols(), matrix.values());
    }

    int users() {
        return rowStart.length - 1;
    }

    Iterator<Row> rows(int fromUser, int toUser) {
        return IntStream.range(fromUser, toUser).boxed()
                .flatMap(u -> IntStream.range(rowStart[u], rowStart[u + 1])
                        .mapToObj(q -> RowFactory.create(u, cols[q], values[q])))
                .iterator();
    }
}
