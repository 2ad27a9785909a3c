package io.sieve.train.cf;

import io.sieve.config.PluginNames;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The model families on the class path, by name. */
public final class ModelFamilies {
    private static final Map<String, ModelFamily> FAMILIES = PluginNames.load(ModelFamily.class, ModelFamily::name);

    private ModelFamilies() {
    }

    public static Collection<ModelFamily> all() {
        return FAMILIES.values();
    }

    public static Optional<ModelFamily> named(String name) {
        return Optional.ofNullable(FAMILIES.get(name));
    }
}
