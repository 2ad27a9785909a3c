package io.sieve.config;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a configuration key accepts when only plug-ins know them (text encoders, retriever
 * types, re-rankers): each plug-in registry publishes its names through {@link ServiceLoader}, so
 * the configuration, which sits below every plug-in, can still refuse a misspelt one.
 */
public interface PluginNames {
    /** The key the names are for, e.g. {@code training.content.encoder}. */
    String key();

    Set<String> names();

    /** Every name registered for {@code key}, across the class path; empty when no registry knows the key. */
    static Set<String> of(String key) {
        Set<String> names = new TreeSet<>();
        for (PluginNames p : ServiceLoader.load(PluginNames.class)) {
            if (p.key().equals(key)) {
                names.addAll(p.names());
            }
        }
        return names;
    }
}
