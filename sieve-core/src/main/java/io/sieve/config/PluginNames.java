package io.sieve.config;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a configuration key accepts when only plug-ins know them (text encoders, retriever
 * types, re-rankers): each plug-in registry publishes its names through {@link ServiceLoader}, so
 * the configuration, which sits below every plug-in, can still refuse a misspelt one, and can have
 * the plug-in check its own settings.
 */
public interface PluginNames {
    /** The key the names are for, e.g. {@code training.content.encoder}. */
    String key();

    Set<String> names();

    /** Problems with the settings given to the plug-in {@code name}, each "key: reason" within its block. */
    default List<String> check(String name, Map<String, Object> settings) {
        return List.of();
    }

    /** The registries that know {@code key}. */
    static List<PluginNames> forKey(String key) {
        return ServiceLoader.load(PluginNames.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.key().equals(key)).toList();
    }

    /** Every name registered for {@code key}, across the class path; empty when no registry knows the key. */
    static Set<String> of(String key) {
        Set<String> names = new TreeSet<>();
        forKey(key).forEach(p -> names.addAll(p.names()));
        return names;
    }
}
