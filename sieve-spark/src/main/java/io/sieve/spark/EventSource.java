package io.sieve.spark;

import static org.apache.spark.sql.functions.col;

import io.sieve.ingest.StoreExport;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.store.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Where the job reads a store: a PostgreSQL store over JDBC ({@code postgresql://host:port/db?user=…},
 * the {@code store.url} the servers use; the events cut at the newest one when reading starts), or the JSON Lines files {@code sieve export} writes
 * (items.jsonl, users.jsonl, events.jsonl in one directory, local or on any filesystem Spark reads).
 * JSON Lines are read with Sieve's own JSON mapping, so every record means what it meant to Sieve.
 *
 * @param events {@code user, item, type, value (null when none), at} (milliseconds)
 * @param items  {@code id}
 * @param users  {@code id, doc}: the user as Sieve's JSON, read for the segment attributes
 */
record EventSource(Dataset<Row> events, Dataset<Row> items, Dataset<Row> users) {
    static final StructType EVENTS = new StructType()
            .add("user", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false)
            .add("type", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, true)
            .add("at", DataTypes.LongType, false);
    private static final StructType IDS = new StructType().add("id", DataTypes.StringType, false);
    private static final StructType USERS = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("doc", DataTypes.StringType, false);

    /**
     * The events read once and kept (memory, then disk): the item numbers, the totals and every table
     * come from this one copy, not from several reads of a store that may change in between.
     */
    EventSource stored() {
        return new EventSource(events.persist(StorageLevel.MEMORY_AND_DISK()), items, users);
    }

    /** @param location a {@code postgresql://} store URL, or a directory of {@code sieve export} files */
    static EventSource read(SparkSession spark, String location) {
        return location.startsWith("postgresql://") ? postgres(spark, location) : export(spark, location);
    }

    /**
     * The events up to the newest one when reading starts (a cut at that watermark: later events
     * wait for the next training), read in ranges of time by parallel tasks; the catalog and users
     * each by one query.
     */
    private static EventSource postgres(SparkSession spark, String url) {
        String jdbc = "jdbc:" + url;
        long first;
        long watermark;
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(min(at), 0), coalesce(max(at), 0) FROM events")) {
            r.next();
            first = r.getLong(1);
            watermark = r.getLong(2);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the PostgreSQL store at " + url.replaceAll("[?].*", "") + ": " + e.getMessage(), e);
        }
        Properties properties = new Properties();
        properties.setProperty("driver", "org.postgresql.Driver");
        properties.setProperty("fetchsize", "10000");
        int tasks = 2 * spark.sparkContext().defaultParallelism();
        Dataset<Row> events = spark.read().jdbc(jdbc, "(SELECT user_id, item, type, value, at FROM events WHERE at <= " + watermark
                        + ") AS cut", "at", first, watermark + 1, tasks, properties)
                .select(col("user_id").as("user"), col("item"), col("type"), col("value"), col("at"));
        Dataset<Row> items = spark.read().jdbc(jdbc, "items", properties).select(col("id"));
        Dataset<Row> users = spark.read().jdbc(jdbc, "users", properties).select(col("id"), col("doc"));
        return new EventSource(events, items, users);
    }

    private static EventSource export(SparkSession spark, String dir) {
        JavaRDD<Row> events = lines(spark, dir, StoreExport.EVENTS).map(line -> {
            Event e = Json.MAPPER.readValue(line, Event.class);
            return RowFactory.create(e.user(), e.item(), e.type(), e.value(), e.timestamp().toEpochMilli());
        });
        JavaRDD<Row> items = lines(spark, dir, StoreExport.ITEMS).map(line -> RowFactory.create(Json.MAPPER.readValue(line, Item.class).id()));
        JavaRDD<Row> users = lines(spark, dir, StoreExport.USERS)
                .map(line -> RowFactory.create(Json.MAPPER.readTree(line).get("id").asText(), line));
        return new EventSource(spark.createDataFrame(events, EVENTS), spark.createDataFrame(items, IDS),
                spark.createDataFrame(users, USERS));
    }

    private static JavaRDD<String> lines(SparkSession spark, String dir, String file) {
        // A plain path is this machine's, not the cluster's default filesystem (HDFS on many clusters).
        String path = dir.contains("://") ? dir + "/" + file : Path.of(dir).resolve(file).toAbsolutePath().toUri().toString();
        return spark.read().textFile(path).javaRDD().filter(line -> !line.isBlank());
    }
}
