package io.sieve.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names configuration keys accept when only plug-ins know them (text encoders, retriever
 * types, diversifiers, exploration policies, re-rankers): each plug-in registry publishes its
 * names through {@link ServiceLoader}, so the configuration, which sits below every plug-in, can
 * still refuse a misspelt one and have the plug-in check its own settings.
 */
public interface PluginNames {
    /** Per key (e.g. {@code training.content.encoder}), the names it accepts. */
    Map<String, Set<String>> names();

    /** Problems with the settings given under {@code key} to the plug-in {@code name}, each "key: reason" within its block. */
    default List<String> check(String key, String name, Map<String, Object> settings) {
        return List.of();
    }

    /** Every name registered for {@code key}, across the class path. */
    static Set<String> of(String key) {
        Set<String> names = new TreeSet<>();
        ServiceLoader.load(PluginNames.class).forEach(p -> names.addAll(p.names().getOrDefault(key, Set.of())));
        return names;
    }

    /** What every registry that knows {@code key} says of these settings. */
    static List<String> checkAll(String key, String name, Map<String, Object> settings) {
        List<String> problems = new ArrayList<>();
        ServiceLoader.load(PluginNames.class).forEach(p -> {
            if (p.names().containsKey(key)) {
                problems.addAll(p.check(key, name, settings));
            }
        });
        return problems;
    }

    /**
     * Loads the plug-ins of one kind by name, refusing two with the same name: what every
     * registry of plug-ins is built on.
     */
    static <T> Map<String, T> load(Class<T> kind, java.util.function.Function<T, String> name) {
        Map<String, T> out = new java.util.TreeMap<>();
        for (T plugin : ServiceLoader.load(kind)) {
            if (out.putIfAbsent(name.apply(plugin), plugin) != null) {
                throw new IllegalStateException("two " + kind.getSimpleName() + " plug-ins are called '" + name.apply(plugin) + "'");
            }
        }
        return out;
    }
}
