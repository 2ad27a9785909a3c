package io.sieve.rerank;

import io.sieve.config.PluginNames;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registries of re-ranking plug-ins (stages, diversifiers, exploration policies), loaded once
 * from {@link java.util.ServiceLoader}; they also tell the configuration which names exist.
 */
public final class ReRankers implements PluginNames {
    /** The diversity and exploration setting that turns them off. */
    static final String NONE = "none";

    private static final Map<String, ReRankerFactory> STAGES = PluginNames.load(ReRankerFactory.class, ReRankerFactory::name);
    private static final Map<String, Diversifier.Factory> DIVERSIFIERS =
            PluginNames.load(Diversifier.Factory.class, Diversifier.Factory::name);
    private static final Map<String, ExplorationPolicy.Factory> POLICIES =
            PluginNames.load(ExplorationPolicy.Factory.class, ExplorationPolicy.Factory::name);

    /** The chain of stages, each wrapping the one before. */
    public static ReRanker chain(java.util.List<String> stages, ReRankerFactory.Shared shared) {
        ReRanker chain = null;
        for (String name : stages) {
            chain = find(STAGES, name, "rerank.chain").create(chain, shared);
        }
        return chain;
    }

    /** The diversifier called {@code name}, or null for {@value #NONE}. */
    static Diversifier diversifier(String name, double lambda) {
        return NONE.equals(name) ? null : find(DIVERSIFIERS, name, "rerank.diversity").create(lambda);
    }

    /** The exploration policy called {@code name}, or null for {@value #NONE}. */
    static ExplorationPolicy.Factory policy(String name) {
        return NONE.equals(name) ? null : find(POLICIES, name, "exploration.policy.type");
    }

    private static <T> T find(Map<String, T> registry, String name, String key) {
        T found = registry.get(name);
        if (found == null) {
            throw new IllegalArgumentException(key + ": nothing is called '" + name + "'; known: " + registry.keySet());
        }
        return found;
    }

    @Override
    public Map<String, Set<String>> names() {
        return Map.of("rerank.chain", STAGES.keySet(),
                "rerank.diversity", withNone(DIVERSIFIERS.keySet()),
                "exploration.policy.type", withNone(POLICIES.keySet()));
    }

    private static Set<String> withNone(Set<String> names) {
        Set<String> out = new TreeSet<>(names);
        out.add(NONE);
        return out;
    }
}
