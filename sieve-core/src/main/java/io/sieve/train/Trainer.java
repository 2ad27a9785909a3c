package io.sieve.train;

import io.sieve.ann.AnnParams;
import io.sieve.bundle.BundleManifest;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.CollaborativeModels;
import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.NeighbourTable;
import io.sieve.bundle.RankedList;
import io.sieve.bundle.SegmentScheme;
import io.sieve.config.ConfigLoader;
import io.sieve.config.RankingType;
import io.sieve.config.SieveConfig;
import io.sieve.content.ContentModel;
import io.sieve.content.ContentTrainer;
import io.sieve.feature.StatisticsSnapshot;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.train.rank.RankerTrainer;
import io.sieve.train.rank.ServingReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a model bundle from everything in the store. */
public final class Trainer {
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final SieveConfig config;
    private final Clock clock;

    public Trainer(SieveConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Publishes {@code bundle} into {@code dataDir}'s bundle store as the served version, with the
     * feature store's statistics as of its watermark, so that a server starts in seconds; keeps
     * {@code training.bundlesToKeep} versions and every version an experiment pins.
     */
    public void publish(ModelBundle bundle, Store store, Path dataDir) {
        new BundleStore(dataDir).publish(bundle, config.training().bundlesToKeep(), Map.of(StatisticsSnapshot.FILE,
                StatisticsSnapshot.of(config, store, bundle.manifest().watermark(), bundle.manifest().createdAt())),
                config.pinnedBundles());
    }

    /** Every model the configuration asks for, the learned ranker included. */
    public ModelBundle train(Store store) {
        if (config.ranking().type() != RankingType.learned) {
            return trainRetrieval(store);
        }
        // The ranker first: its folds' retrieval models are gone before the served ones are built.
        RankerTrainer.Result ranker = new RankerTrainer(config, clock, new Trainer(forRankerLists(config), clock)::trainRetrieval)
                .train(store);
        ModelBundle retrieval = trainRetrieval(store);
        BundleManifest m = retrieval.manifest();
        Map<String, Object> parameters = new LinkedHashMap<>(m.parameters());
        parameters.put("ranker", ranker.report());
        BundleManifest manifest = new BundleManifest(m.formatVersion(), m.version(), m.createdAt(), m.watermark(),
                m.events(), m.users(), m.items(), asStoredJson(parameters), m.evaluation());
        return ServingReference.attach(config, store, retrieval.withRanker(ranker.model(), manifest));
    }

    /**
     * The retrieval the ranker's training lists are built with: the served configuration, except
     * <ul>
     * <li>no vector graphs: each fold's vectors are scanned exactly, since building a graph costs
     *     more than scanning for a few thousand lists (at 1M items, minutes per graph against
     *     tens of milliseconds per list), and a scan returns what a good graph search returns;
     * <li>no retrieval deadline, so that the lists do not depend on how busy the machine was;
     * <li>no content embeddings when nothing that builds a list reads them (no content source, no
     *     new items placed by their content neighbours, no two-tower reading them): they would change no list.
     * </ul>
     */
    private static SieveConfig forRankerLists(SieveConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("training.ann.exactBelow", Integer.toString(Integer.MAX_VALUE));
        settings.put("retrieval.deadlineMs", Integer.toString(Integer.MAX_VALUE));
        boolean contentRead = config.retrieval().newItemNeighbours() > 0 || config.retrieval().sources().values().stream()
                .anyMatch(s -> s.enabled() && "content".equals(s.type()))
                || config.training().twoTower().enabled() && config.training().twoTower().content();
        if (!contentRead) {
            settings.put("training.content.enabled", "false");
        }
        return ConfigLoader.withSettings(config, settings);
    }

    /** Everything but the learned ranker: the retrieval models and tables. */
    public ModelBundle trainRetrieval(Store store) {
        return build(store, interactions(store), true);
    }

    /**
     * Popularity, trending and segments only: cheap enough to compute when a server starts with
     * no trained bundle, so that it can answer at once.
     */
    public ModelBundle trainPopularityOnly(Store store) {
        return build(store, interactions(store), false);
    }

    private Interactions interactions(Store store) {
        return Interactions.load(store, config.types(), config.training().trending().halfLife());
    }

    /** @param full every model; otherwise only the cheap popularity family */
    private ModelBundle build(Store store, Interactions data, boolean full) {
        var t = config.training();
        double[] popularity = data.popularity();
        RankedList popular = RankedList.top(popularity, t.listLength());
        RankedList trending = RankedList.top(data.trending(), t.listLength());
        SegmentScheme scheme = new SegmentScheme(t.segments().attributes(), t.segments().ageBounds());
        Map<String, List<String>> keysByUser = keysByUser(store, scheme);
        Map<String, RankedList> segments = segments(data, keysByUser);
        NeighbourTable coVisitation = full
                ? new CoVisitationBuilder(t.coVisitation()).build(data)
                : NeighbourTable.empty(data.items().size());
        ContentModel content = full && t.content().enabled()
                ? new ContentTrainer(t.content().encoder(), t.content().dimension(), annParams(t)).train(store)
                : ContentModel.NONE;
        CollaborativeModels models = full ? new CollaborativeTrainer(t).train(data, keysByUser, content,
                java.time.ZoneId.of(config.features().timeZone())) : CollaborativeModels.NONE;
        Instant now = clock.instant();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("coVisitation", full ? t.coVisitation() : "not trained");
        parameters.put("als", full && t.als().enabled() ? t.als() : "not trained");
        parameters.put("bpr", full && t.bpr().enabled() ? t.bpr() : "not trained");
        parameters.put("ease", full && t.ease().enabled() ? t.ease() : "not trained");
        parameters.put("cleora", full && t.cleora().enabled() ? t.cleora() : "not trained");
        parameters.put("twoTower", full && t.twoTower().enabled() ? t.twoTower() : "not trained");
        parameters.put("content", content.isEmpty() ? "not trained" : t.content());
        parameters.put("trending", t.trending());
        parameters.put("segments", t.segments());
        parameters.put("listLength", t.listLength());
        // Stored as plain JSON values so that a manifest reads back equal to what was written.
        parameters = asStoredJson(parameters);
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, VERSION.format(now), now,
                data.watermark(), data.eventCount(), data.users().size(), data.items().size(), parameters, Map.of());
        return new ModelBundle(manifest, data.items(), popular, trending, scheme, segments, coVisitation, models,
                content, io.sieve.bundle.rank.RankerModel.NONE);
    }

    /** Through JSON text and back, so that numbers have the types a manifest read from disk has. */
    private static Map<String, Object> asStoredJson(Map<String, Object> parameters) {
        try {
            return Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(parameters), new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each user's segment keys ({@code age=25-34}), for the users who have any. */
    private static Map<String, List<String>> keysByUser(Store store, SegmentScheme scheme) {
        Map<String, List<String>> keys = new LinkedHashMap<>();   // in the store's order, as the sums were
        store.forEachUser(user -> {
            List<String> k = scheme.keysOf(user);
            if (!k.isEmpty()) {
                keys.put(user.id(), List.copyOf(k));
            }
        });
        return keys;
    }

    private Map<String, RankedList> segments(Interactions data, Map<String, List<String>> keysByUser) {
        Map<String, Interactions.UserItems> byUser = data.byUser();
        Map<String, double[]> counts = new HashMap<>();
        keysByUser.forEach((user, keys) -> {
            Interactions.UserItems items = byUser.get(user);
            if (items == null) {
                return;
            }
            for (String key : keys) {
                double[] c = counts.computeIfAbsent(key, k -> new double[data.items().size()]);
                for (int i = 0; i < items.items().length; i++) {
                    if (items.weights()[i] > 0) {
                        c[items.items()[i]] += items.weights()[i];
                    }
                }
            }
        });
        Map<String, RankedList> segments = new TreeMap<>();
        int length = config.training().listLength();
        counts.forEach((key, c) -> segments.put(key, RankedList.top(c, length)));
        return segments;
    }

    /** The vector index settings of {@code training.ann}, shared by every index a bundle holds. */
    public static AnnParams annParams(SieveConfig.TrainingConfig config) {
        var a = config.ann();
        var defaults = AnnParams.defaults();
        return new AnnParams(a.exactBelow(), a.m(), a.beamWidth(), defaults.neighborOverflow(), defaults.alpha(), a.overquery());
    }
}
