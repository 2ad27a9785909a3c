package io.sieve.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trained models of a bundle on disk: each written by its family's format, and the manifest's
 * {@code parts} saying which format and version wrote each, so that reading uses the same format.
 */
final class ModelParts {
    /** What the manifest records of one model: the format that wrote it and its version. */
    record Part(String format, int version) {
    }

    private ModelParts() {
    }

    /** Writes every model with its format (a family's name is its format's name); returns the manifest's parts. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, Part> write(CollaborativeModels models, Path dir) throws IOException {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : models.byFamily().entrySet()) {
            ModelFormat format = ModelFormats.named(e.getKey());
            format.write(format.type().cast(e.getValue()), dir);
            parts.put(e.getKey(), new Part(format.name(), format.version()));
        }
        return parts;
    }

    static CollaborativeModels read(Path dir, Map<String, Part> parts) throws IOException {
        Map<String, Object> models = new LinkedHashMap<>();
        for (Map.Entry<String, Part> e : parts.entrySet()) {
            models.put(e.getKey(), ModelFormats.reading(e.getKey(), e.getValue().format(), e.getValue().version()).read(dir));
        }
        return new CollaborativeModels(models);
    }

    /** Bundles written before manifests named their parts: the version-1 files present say which models there are. */
    static Map<String, Part> inferred(Path dir) {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (String name : new String[] {"als", "bpr", "ease"}) {
            if (Files.exists(dir.resolve(name + ".bin"))) {
                parts.put(name, new Part(name, 1));
            }
        }
        return parts;
    }
}
