package io.sieve.bundle;

import io.sieve.bundle.rank.FeatureProfile;
import io.sieve.bundle.rank.RankerModel;
import io.sieve.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ranker's part of a bundle: {@code ranker.json} (feature names and their fingerprint, the
 * objectives), one LightGBM text model per objective, readable by any LightGBM tool, and the
 * training rows' distribution ({@code ranker-reference.json}, for drift monitoring; bundles from
 * before it have none).
 */
final class RankerFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RankerFiles.class);
    private static final String INDEX = "ranker.json";
    private static final String REFERENCE = "ranker-reference.json";

    private RankerFiles() {
    }

    record Index(String featureSchema, List<String> features, List<String> objectives) {
    }

    static void write(RankerModel ranker, Path dir) throws IOException {
        if (ranker.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : ranker.modelTexts().entrySet()) {
            Files.writeString(dir.resolve(file(e.getKey())), e.getValue(), StandardCharsets.UTF_8);
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INDEX).toFile(),
                new Index(ranker.featureSchema(), ranker.features(), List.copyOf(ranker.modelTexts().keySet())));
        if (!ranker.reference().isEmpty()) {
            Json.MAPPER.writeValue(dir.resolve(REFERENCE).toFile(), ranker.reference());
        }
    }

    static RankerModel read(Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
            return RankerModel.NONE;
        }
        Index i = Json.MAPPER.readValue(index.toFile(), Index.class);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String objective : i.objectives()) {
            texts.put(objective, Files.readString(dir.resolve(file(objective)), StandardCharsets.UTF_8));
        }
        Path reference = dir.resolve(REFERENCE);
        FeatureProfile profile = Files.exists(reference)
                ? Json.MAPPER.readValue(reference.toFile(), FeatureProfile.class) : FeatureProfile.NONE;
        if (!profile.isEmpty() && !profile.fits(i.features())) {
            // Drift monitoring without it; the ranker itself is sound.
            LOG.warn("{} does not describe the ranker's features; drift is not measured for this bundle", reference);
            profile = FeatureProfile.NONE;
        }
        return new RankerModel(i.features(), i.featureSchema(), texts, profile);
    }

    private static String file(String objective) {
        return "ranker-" + objective + ".txt";
    }
}
