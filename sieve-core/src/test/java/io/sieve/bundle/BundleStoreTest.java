package io.sieve.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sieve.config.ConfigLoader;
import io.sieve.pipeline.TasteClusters;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void aPublishedBundleLoadsBackIdenticalAndOldOnesArePruned() throws Exception {
        var config = ConfigLoader.defaults();
        BundleStore bundles = new BundleStore(dataDir);
        ModelBundle last = null;
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            new TasteClusters(2, 10, 5, 5, 3).fill(store);
            store.putUsers(java.util.List.of(new io.sieve.model.User(TasteClusters.user(0, 0), java.util.Map.of("country", "DE"))));
            String pinned = null;
            for (int i = 0; i < 4; i++) {
                last = new Trainer(config, Clock.fixed(Instant.ofEpochSecond(1000L * i), ZoneOffset.UTC)).train(store);
                // The first version is pinned by an experiment: kept however old.
                pinned = pinned == null ? last.version() : pinned;
                bundles.publish(last, 2, java.util.Map.of(), java.util.Set.of(pinned));
            }
            assertTrue(Files.isDirectory(bundles.root().resolve(pinned)));
            bundles.publish(new Trainer(config, Clock.fixed(Instant.ofEpochSecond(9_000), ZoneOffset.UTC)).train(store), 2);
            assertFalse(Files.isDirectory(bundles.root().resolve(pinned)), "unpinned, it is pruned like the rest");
            bundles.point(last.version());
        }
        assertEquals(last.version(), bundles.currentVersion().orElseThrow());
        ModelBundle loaded = bundles.load(bundles.currentVersion().orElseThrow());
        assertEquals(last.manifest(), loaded.manifest());
        assertEquals(last.items().size(), loaded.items().size());
        assertArrayEquals(last.popularity().items(), loaded.popularity().items());
        assertArrayEquals(last.trending().scores(), loaded.trending().scores());
        assertArrayEquals(last.coVisitation().offsets(), loaded.coVisitation().offsets());
        assertArrayEquals(last.coVisitation().neighbours(), loaded.coVisitation().neighbours());
        assertArrayEquals(last.coVisitation().scores(), loaded.coVisitation().scores());
        assertEquals(last.segments().keySet(), loaded.segments().keySet());
        assertTrue(loaded.segments().containsKey("country=DE"));
        assertTrue(loaded.segments().containsKey("age=18-24"));
        try (Stream<Path> dirs = Files.list(bundles.root())) {
            assertEquals(2, dirs.filter(Files::isDirectory).count());
        }
        assertThrows(IllegalArgumentException.class, () -> bundles.point("never-published"));
        try (Stream<Path> dirs = Files.list(bundles.root())) {
            assertTrue(dirs.noneMatch(p -> p.getFileName().toString().startsWith(".current-")), "no pointer left half-written");
        }
    }

    /** Trains a small world with one more setting on and returns the bundle trained and the one loaded back. */
    private ModelBundle[] trainedAndLoaded(String... settings) throws Exception {
        java.util.Map<String, String> on = new java.util.HashMap<>();
        for (String setting : settings) {   // a key alone is switched on
            String[] keyValue = setting.split("=", 2);
            on.put(keyValue[0], keyValue.length == 2 ? keyValue[1] : "true");
        }
        var config = ConfigLoader.withSettings(ConfigLoader.defaults(), on);
        BundleStore bundles = new BundleStore(dataDir);
        ModelBundle trained;
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            new TasteClusters(2, 10, 5, 5, 3).fill(store);
            trained = new Trainer(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store);
            bundles.publish(trained, 2);
        }
        return new ModelBundle[] {trained, bundles.load(bundles.currentVersion().orElseThrow())};
    }

    @Test
    void cleoraEmbeddingsAndTheirIndexLoadBackIdentical() throws Exception {
        ModelBundle[] bundles = trainedAndLoaded("training.cleora.enabled");
        ModelBundle trained = bundles[0];
        ModelBundle loaded = bundles[1];
        assertArrayEquals(trained.models().cleora().items().data(), loaded.models().cleora().items().data());
        float[] query = loaded.models().cleora().items().row(0);
        assertEquals(0, loaded.models().cleoraIndex().search(query, 1, i -> true).getFirst().item());
    }

    @Test
    void theTwoTowerModelLoadsBackServingTheSameVectors() throws Exception {
        ModelBundle[] bundles = trainedAndLoaded("training.twoTower.enabled", "training.twoTower.content", "training.twoTower.context",
                "training.twoTower.members=2");
        var trained = bundles[0].models().twoTower();
        var loaded = bundles[1].models().twoTower();
        assertArrayEquals(trained.items().data(), loaded.items().data());
        assertArrayEquals(trained.userVector(new int[] {1, 2, 3}, java.util.List.of()), loaded.userVector(new int[] {1, 2, 3}, java.util.List.of()));
        assertEquals(trained.itemAttributes().names(), loaded.itemAttributes().names());
        assertEquals(trained.userAttributes().names(), loaded.userAttributes().names());
        assertTrue(loaded.userAttributes().names().contains("country=DE"), loaded.userAttributes().names().toString());
        assertArrayEquals(trained.userVector(new int[0], java.util.List.of("country=DE")), loaded.userVector(new int[0], java.util.List.of("country=DE")));
        assertArrayEquals(trained.newItemVector(java.util.List.of("category:genre1"), null),
                loaded.newItemVector(java.util.List.of("category:genre1"), null));
        assertTrue(loaded.contentProjection().rows() > 0, "trained with the content model's vectors");
        float[] content = new float[loaded.contentProjection().rows()];
        content[3] = 1;
        assertArrayEquals(trained.newItemVector(java.util.List.of(), content), loaded.newItemVector(java.util.List.of(), content));
        assertEquals("UTC", loaded.contextZone());
        assertEquals(2, loaded.members());
        float[] query = loaded.items().row(0);
        assertEquals(0, bundles[1].models().twoTowerIndex().search(query, 1, i -> true).getFirst().item());
    }

    @Test
    void eachModelIsReadByTheFormatThatWroteItAndAnUnknownFormatIsRefusedByName() throws Exception {
        var config = ConfigLoader.defaults();
        BundleStore bundles = new BundleStore(dataDir);
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            new TasteClusters(2, 10, 5, 5, 3).fill(store);
            bundles.publish(new Trainer(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).train(store), 2);
        }
        String version = bundles.currentVersion().orElseThrow();
        Path manifest = bundles.root().resolve(version).resolve("manifest.json");
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(manifest.toFile());
        assertEquals("{\"format\":\"als\",\"version\":1}", json.get("parts").get("als").toString());
        assertTrue(json.get("parts").has("ease"));
        assertTrue(bundles.load(version).models().als() != null);

        ((ObjectNode) json.get("parts").get("als")).put("format", "als2");
        Files.writeString(manifest, json.toString());
        BundleRefusedException refused = assertThrows(BundleRefusedException.class, () -> bundles.load(version));
        assertTrue(refused.getMessage().contains("its part 'als' was written in format 'als2', which this Sieve does not have"),
                refused.getMessage());
    }
}
