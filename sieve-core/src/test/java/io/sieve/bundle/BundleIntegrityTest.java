package io.sieve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.pipeline.TasteClusters;
import io.sieve.bundle.rank.RankerModel;
import io.sieve.rank.TestModels;
import io.sieve.store.Json;
import io.sieve.files.Sha256;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of a bundle is checked against the manifest; a bad bundle is refused with the reason. */
class BundleIntegrityTest {
    @TempDir
    Path dataDir;
    private BundleStore bundles;
    private String older;
    private String newer;

    @BeforeEach
    void publishTwo() {
        SieveConfig config = ConfigLoader.defaults();
        bundles = new BundleStore(dataDir);
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            new TasteClusters(3, 20, 10, 6, 5).fill(store);
            for (int i = 1; i <= 2; i++) {
                Trainer trainer = new Trainer(config, Clock.fixed(Instant.ofEpochSecond(1000L * i), ZoneOffset.UTC));
                ModelBundle b = trainer.trainRetrieval(store);
                RankerModel ranker = new RankerModel(List.of("a", "b", "c", "d", "e", "f"), "test",
                        Map.of("click", TestModels.binary(6, 15, 12)));
                bundles.publish(b.withRanker(ranker, b.manifest()), 5);
                older = newer;
                newer = b.version();
            }
        }
    }

    @Test
    void theManifestRecordsEveryFile() throws Exception {
        ObjectNode manifest = (ObjectNode) Json.MAPPER.readTree(dir(newer).resolve("manifest.json").toFile());
        try (var files = Files.list(dir(newer))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("manifest.json")).toList()) {
                var record = manifest.get("files").get(f.getFileName().toString());
                assertEquals(Files.size(f), record.get("bytes").asLong(), f.toString());
                assertEquals(HexFormat.of().formatHex(Sha256.of(f)), record.get("sha256").asText(), f.toString());
            }
        }
        assertTrue(manifest.get("files").has("ranker-click.txt"));
        assertTrue(manifest.get("files").has("als.bin"));
    }

    @Test
    void aTruncatedFileIsRefusedAndTheOlderBundleIsTheNewestIntact() throws Exception {
        Path als = dir(newer).resolve("als.bin");
        byte[] bytes = Files.readAllBytes(als);
        Files.write(als, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(BundleRefusedException.class, () -> bundles.load(newer));
        assertTrue(e.getMessage().contains("als.bin") && e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(older, bundles.newestIntact(newer).orElseThrow().version());
    }

    @Test
    void onePercentOfRandomisedBytesIsRefused() throws Exception {
        Path ease = dir(newer).resolve("ease.bin");
        byte[] bytes = Files.readAllBytes(ease);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < bytes.length / 100; i++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
        Files.write(ease, bytes);
        var e = assertThrows(BundleRefusedException.class, () -> bundles.load(newer));
        assertTrue(e.getMessage().contains("ease.bin") && e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefused() throws Exception {
        Files.delete(dir(newer).resolve("tables.bin"));
        var e = assertThrows(BundleRefusedException.class, () -> bundles.load(newer));
        assertTrue(e.getMessage().contains("tables.bin is missing"), e.getMessage());
    }

    /** A bundle trained elsewhere, whose checksums match a truncated model: refused before LightGBM parses it. */
    @Test
    void aTruncatedRankerWithMatchingChecksumsIsRefusedWithoutReachingLightGbm() throws Exception {
        Path ranker = dir(newer).resolve("ranker-click.txt");
        String text = Files.readString(ranker);
        Files.writeString(ranker, text.substring(0, text.length() / 3));
        Path manifestFile = dir(newer).resolve("manifest.json");
        ObjectNode manifest = (ObjectNode) Json.MAPPER.readTree(manifestFile.toFile());
        ObjectNode record = (ObjectNode) manifest.get("files").get("ranker-click.txt");
        record.put("bytes", Files.size(ranker));
        record.put("sha256", HexFormat.of().formatHex(Sha256.of(ranker)));
        Json.MAPPER.writeValue(manifestFile.toFile(), manifest);
        var e = assertThrows(BundleRefusedException.class, () -> bundles.load(newer));
        assertTrue(e.getMessage().contains("ranker model 'click' cannot be loaded"), e.getMessage());
    }

    private Path dir(String version) {
        return bundles.root().resolve(version);
    }
}
