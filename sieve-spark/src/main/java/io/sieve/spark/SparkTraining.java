package io.sieve.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sieve.bundle.BundleManifest;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.CollaborativeModels;
import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.SegmentScheme;
import io.sieve.bundle.rank.RankerModel;
import io.sieve.config.ConfigLoader;
import io.sieve.config.ConfidenceScale;
import io.sieve.config.SieveConfig;
import io.sieve.config.SieveConfig.AlsTraining;
import io.sieve.content.ContentModel;
import io.sieve.store.Json;
import io.sieve.train.Trainer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a bundle on Spark and publishes it where Sieve servers look for bundles: ALS (MLlib), EASE
 * (its Gram matrix counted by Spark), co-visitation, popularity, trending and segment favourites,
 * from a PostgreSQL store or a {@code sieve export} directory. The servers watching that data
 * directory hot-swap to it as to a bundle of {@code sieve train}. BPR, the content index and the
 * learned ranker stay with {@code sieve train}: the bundle says "trainedBy": "spark" and lists what
 * it holds.
 *
 * <pre>
 * spark-submit --class io.sieve.spark.SparkTraining sieve-spark.jar \
 *     --source postgresql://db:5432/sieve?user=sieve --data-dir /shared/sieve [--config sieve.yaml] [--reg-param 0.5]
 * </pre>
 * Without a master from spark-submit it runs in {@code local[*]}.
 */
public final class SparkTraining {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);
    /**
     * MLlib's ALS regularisation unless {@code --reg-param} says otherwise: the best of 0.1, 0.3,
     * 0.5, 1 and 2 on ml-100k through api_eval.py (BENCHMARKS.md, "Spark training").
     */
    static final double DEFAULT_REG_PARAM = 0.5;
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /**
     * @param source   a {@code postgresql://} store URL or a {@code sieve export} directory
     * @param regParam MLlib's ALS regularisation (scaled per row by MLlib: not {@code training.als.regularization})
     */
    public record Options(String source, Path dataDir, Path config, double regParam) {
    }

    private SparkTraining() {
    }

    public static void main(String[] args) {
        Options options = parse(args);
        SparkSession spark = SparkSession.builder().appName("sieve-train")
                .master(System.getProperty("spark.master", "local[*]"))
                .getOrCreate();
        try {
            Path published = train(spark, options);
            System.out.println("published " + published);
        } finally {
            spark.stop();
        }
    }

    /** Trains on {@code spark} and publishes the bundle; returns its directory. */
    public static Path train(SparkSession spark, Options options) {
        SieveConfig config = ConfigLoader.load(configFile(options), System.getenv());
        var t = config.training();
        long start = System.nanoTime();
        EventSource source = EventSource.read(spark, options.source()).stored();
        Interactions data = Interactions.of(spark, source, config.eventTypes());
        data.weighted().cache();
        Row totals = source.events().agg(org.apache.spark.sql.functions.count("*"), max(col("at")), countDistinct(col("user"))).first();
        long events = totals.getLong(0);
        if (events == 0) {
            throw new IllegalArgumentException("no events in " + options.source() + ": nothing to train on");
        }
        long newest = totals.getLong(1);
        SegmentScheme scheme = new SegmentScheme(t.segments().attributes(), t.segments().ageBounds());
        Map<String, Object> models = new LinkedHashMap<>();
        // As in-process training: no collaborative model without a positive interaction.
        boolean positives = !data.positive().isEmpty();
        if (positives && t.als().enabled()) {
            models.put("als", SparkAls.fit(data, t.als(), options.regParam(), Trainer.annParams(t)));
        }
        if (positives && t.ease().enabled()) {
            models.put("ease", SparkEase.fit(data, t.ease()));
        }
        Instant now = Instant.now();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("trainedBy", "spark");
        parameters.put("source", redacted(options.source()));
        parameters.put("coVisitation", t.coVisitation());
        parameters.put("als", models.containsKey("als") ? alsParameters(t.als(), options.regParam()) : "not trained");
        parameters.put("bpr", "not trained");
        parameters.put("ease", models.containsKey("ease") ? t.ease() : "not trained");
        parameters.put("content", "not trained");
        parameters.put("trending", t.trending());
        parameters.put("segments", t.segments());
        parameters.put("listLength", t.listLength());
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, VERSION.format(now), now,
                Instant.ofEpochMilli(newest), events, totals.getLong(2), data.items().size(), stored(parameters), Map.of());
        ModelBundle bundle = new ModelBundle(manifest, data.items(),
                Tables.popularity(data, t.listLength()),
                Tables.trending(data, newest, t.trending().halfLife(), t.listLength()),
                scheme, Tables.segments(data, source.users(), scheme, t.listLength()),
                Tables.coVisitation(data, t.coVisitation()),
                new CollaborativeModels(models), ContentModel.NONE, RankerModel.NONE);
        data.weighted().unpersist();
        source.events().unpersist();
        Path published = new BundleStore(options.dataDir()).publish(bundle, t.bundlesToKeep(), Map.of(), config.pinnedBundles());
        LOG.info("bundle {} of {} events, {} items trained on Spark in {} s", manifest.version(), events, data.items().size(),
                (System.nanoTime() - start) / 1_000_000_000);
        return published;
    }

    /** {@code --config}, else {@code SIEVE_CONFIG}, as every {@code sieve} command reads it. */
    private static Path configFile(Options options) {
        String env = System.getenv("SIEVE_CONFIG");
        return options.config() != null ? options.config() : env == null || env.isBlank() ? null : Path.of(env);
    }

    /** ALS's settings as served: MLlib's confidence is linear whatever {@code training.als.confidence} says. */
    private static Map<String, Object> alsParameters(AlsTraining settings, double regParam) {
        Map<String, Object> als = new LinkedHashMap<>();
        als.put("settings", settings);
        als.put("servedConfidence", ConfidenceScale.linear);
        als.put("mllibRegParam", regParam);
        return als;
    }

    /** The source without its query (where a password would be). */
    private static String redacted(String source) {
        int query = source.indexOf('?');
        return query < 0 ? source : source.substring(0, query);
    }

    /** Through JSON and back, so that the manifest's parameters read back as written (as Trainer does). */
    private static Map<String, Object> stored(Map<String, Object> parameters) {
        try {
            return Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(parameters), new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Options parse(String[] args) {
        String source = null;
        Path dataDir = null;
        Path config = null;
        double regParam = DEFAULT_REG_PARAM;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--source" -> source = value;
                case "--data-dir" -> dataDir = value == null ? null : Path.of(value);
                case "--config" -> config = value == null ? null : Path.of(value);
                case "--reg-param" -> regParam = Double.parseDouble(value);
                default -> throw usage("unknown option " + args[i]);
            }
            i++;
        }
        if (source == null || dataDir == null) {
            throw usage("--source and --data-dir are required");
        }
        return new Options(source, dataDir, config, regParam);
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\nusage: SparkTraining --source <postgresql://... | export directory>"
                + " --data-dir <dir> [--config <sieve.yaml>] [--reg-param <MLlib ALS regParam, default " + DEFAULT_REG_PARAM + ">]");
    }
}
