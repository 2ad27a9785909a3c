package io.sieve.bundle;

import io.sieve.config.PluginNames;
import java.util.Map;

/** The model formats on the class path, by name. */
final class ModelFormats {
    private static final Map<String, ModelFormat<?>> FORMATS = load();

    private ModelFormats() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, ModelFormat<?>> load() {
        return (Map) PluginNames.load(ModelFormat.class, ModelFormat::name);
    }

    /** The format called {@code name} that reads {@code version}. */
    static ModelFormat<?> reading(String part, String name, int version) {
        ModelFormat<?> format = FORMATS.get(name);
        if (format == null) {
            throw new IllegalArgumentException("its part '" + part + "' was written in format '" + name
                    + "', which this Sieve does not have (it has " + FORMATS.keySet() + ")");
        }
        if (version > format.version()) {
            throw new IllegalArgumentException("its part '" + part + "' was written by format " + name + " version "
                    + version + ", and this Sieve reads up to version " + format.version());
        }
        return format;
    }

    static ModelFormat<?> named(String name) {
        ModelFormat<?> format = FORMATS.get(name);
        if (format == null) {
            throw new IllegalArgumentException("no model format called '" + name + "'; known: " + FORMATS.keySet());
        }
        return format;
    }
}
