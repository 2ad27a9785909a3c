package io.sieve.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The rules a constraint on one key cannot express: between keys, and the names only plug-ins know
 * ({@link PluginNames}, since every plug-in sits above the configuration). Each is one small
 * check; all of them run, so every mistake is reported at once.
 */
final class CrossChecks {
    private static final List<BiConsumer<SieveConfig, Problems>> ALL = List.of(
            CrossChecks::maxNAtLeastDefaultN,
            CrossChecks::negativeTypesWeighNothing,
            CrossChecks::eventTypesAreConfigured,
            CrossChecks::coldStartWeightsNameSources,
            CrossChecks::pluginsAreRegistered,
            CrossChecks::chainStartsWithSlate,
            CrossChecks::dppLambdaBelowOne,
            CrossChecks::explorationOutsideConfidentSlots,
            CrossChecks::apiKeysHaveOneSecret,
            CrossChecks::rulesAreWellFormed,
            CrossChecks::twoTowerContentIsTrained,
            CrossChecks::twoTowerMembersPoolByTheMean,
            ExperimentChecks::run);

    private CrossChecks() {
    }

    static void run(SieveConfig config, Problems problems) {
        ALL.forEach(check -> check.accept(config, problems));
    }

    static void twoTowerContentIsTrained(SieveConfig c, Problems p) {
        var t = c.training();
        if (t.twoTower().enabled() && t.twoTower().content() && !t.content().enabled()) {
            p.add("training.twoTower.content", "reads the content model's vectors: needs training.content.enabled");
        }
    }

    /** Joined members pool one history once, so none may weigh its items by a weight of its own. */
    static void twoTowerMembersPoolByTheMean(SieveConfig c, Problems p) {
        var t = c.training().twoTower();
        if (t.members() > 1 && !"mean".equals(t.pooling())) {
            p.add("training.twoTower.members", "more than one member needs training.twoTower.pooling: mean, was " + t.pooling());
        }
    }

    static void maxNAtLeastDefaultN(SieveConfig c, Problems p) {
        if (c.server().maxN() < c.server().defaultN()) {
            p.add("server.maxN", "must be at least server.defaultN (" + c.server().defaultN() + "), was " + c.server().maxN());
        }
    }

    static void negativeTypesWeighNothing(SieveConfig c, Problems p) {
        c.eventTypes().forEach((name, t) -> {
            if (t.negative() && t.weight() > 0) {
                p.add("eventTypes." + name + ".weight", "a negative type needs a weight <= 0, was " + t.weight());
            }
        });
    }

    /** Objectives and conversions name event types, which must be configured. */
    static void eventTypesAreConfigured(SieveConfig c, Problems p) {
        c.ranking().objectives().forEach((name, o) -> o.events().stream()
                .filter(type -> !c.eventTypes().containsKey(type))
                .forEach(type -> p.add("ranking.objectives." + name + ".events", "'" + type + "' is not a configured event type")));
        c.features().conversionTypes().stream()
                .filter(type -> !c.eventTypes().containsKey(type))
                .forEach(type -> p.add("features.conversionTypes", "'" + type + "' is not a configured event type"));
    }

    static void coldStartWeightsNameSources(SieveConfig c, Problems p) {
        c.ranking().coldStart().stages().forEach((stage, weights) -> weights.keySet().stream()
                .filter(source -> !c.retrieval().sources().containsKey(source))
                .forEach(source -> p.add("ranking.coldStart.stages." + stage + "." + source, "no such source")));
    }

    /** Every name a plug-in registry must know, and the settings a source gives its type. */
    static void pluginsAreRegistered(SieveConfig c, Problems p) {
        if (c.training().content().enabled()) {
            registered(p, "training.content.encoder", "training.content.encoder", c.training().content().encoder());
        }
        c.retrieval().sources().forEach((name, source) -> {
            String key = "retrieval.sources." + name;
            registered(p, key + ".type", SieveConfig.SourceConfig.TYPE_KEY, source.type());
            PluginNames.checkAll(SieveConfig.SourceConfig.TYPE_KEY, source.type(), source.settings())
                    .forEach(problem -> p.add(key + "." + problem));
        });
        registered(p, "rerank.diversity", "rerank.diversity", c.rerank().diversity());
        for (int i = 0; i < c.rerank().chain().size(); i++) {
            registered(p, "rerank.chain[" + i + "]", "rerank.chain", c.rerank().chain().get(i));
        }
        policies(c).forEach((key, policy) -> registered(p, key + ".type", "exploration.policy.type", policy.type()));
    }

    private static void registered(Problems p, String key, String registryKey, String name) {
        Set<String> known = PluginNames.of(registryKey);
        if (!known.contains(name)) {
            p.add(key, "nothing is called '" + name + "'; known: " + known);
        }
    }

    static void chainStartsWithSlate(SieveConfig c, Problems p) {
        List<String> chain = c.rerank().chain();
        if (chain.isEmpty() || !"slate".equals(chain.get(0))) {
            p.add("rerank.chain", "must start with slate, which chooses from the ranked candidates, was " + chain);
        }
    }

    static void dppLambdaBelowOne(SieveConfig c, Problems p) {
        if ("dpp".equals(c.rerank().diversity()) && c.rerank().lambda() >= 1) {
            p.add("rerank.lambda", "must be below 1 for dpp, was " + c.rerank().lambda());
        }
    }

    /** The first rerank.confidentSlots positions take only confident items, so no policy may explore there. */
    static void explorationOutsideConfidentSlots(SieveConfig c, Problems p) {
        int confident = c.rerank().confidentSlots();
        policies(c).forEach((key, policy) -> {
            if (!"none".equals(policy.type())) {
                policy.slots().stream().filter(slot -> slot >= 1 && slot <= confident).forEach(slot -> p.add(key + ".slots",
                        "position " + slot + " is one of the first rerank.confidentSlots (" + confident
                                + "), which only take confident items"));
            }
        });
    }

    /** A key's secret is given once, inline or by variable; the secret itself is never repeated in a message. */
    static void apiKeysHaveOneSecret(SieveConfig c, Problems p) {
        c.security().keys().forEach((name, k) -> {
            String key = "security.keys." + name;
            boolean inline = k.key() != null && !k.key().isEmpty();
            boolean fromEnv = k.keyEnv() != null && !k.keyEnv().isBlank();
            if (inline == fromEnv) {
                p.add(key, "give exactly one of key (the secret) or keyEnv (the environment variable holding it)");
            } else if (inline && k.key().length() < SieveConfig.SecurityConfig.MIN_KEY_LENGTH) {
                p.add(key + ".key", "must be at least " + SieveConfig.SecurityConfig.MIN_KEY_LENGTH + " characters, was "
                        + k.key().length());
            }
        });
    }

    static void rulesAreWellFormed(SieveConfig c, Problems p) {
        for (int i = 0; i < c.rules().size(); i++) {
            c.rules().get(i).problems("rules[" + i + "]").forEach(p::add);
        }
    }

    /** The default exploration policy and each surface's, by key. */
    private static Map<String, SieveConfig.ExplorationPolicyConfig> policies(SieveConfig c) {
        Map<String, SieveConfig.ExplorationPolicyConfig> policies = new LinkedHashMap<>();
        policies.put("exploration.policy", c.exploration().policy());
        c.exploration().surfaces().forEach((surface, policy) -> policies.put("exploration.surfaces." + surface, policy));
        return policies;
    }
}
