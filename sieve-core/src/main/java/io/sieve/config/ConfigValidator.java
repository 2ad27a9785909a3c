package io.sieve.config;

import java.util.ArrayList;
import java.util.List;

/** Checks value ranges that types alone cannot express, and reports all mistakes at once. */
final class ConfigValidator {
    private ConfigValidator() {
    }

    static void check(SieveConfig c) {
        List<String> p = new ArrayList<>();
        positive(p, "server.port", c.server().port());
        if (c.server().port() > 65535) {
            p.add("server.port: must be at most 65535, was " + c.server().port());
        }
        positive(p, "server.bundlePollSeconds", c.server().bundlePollSeconds());
        positive(p, "server.defaultN", c.server().defaultN());
        if (c.server().maxN() < c.server().defaultN()) {
            p.add("server.maxN: must be at least server.defaultN (" + c.server().defaultN() + ")");
        }
        if (c.eventTypes().isEmpty()) {
            p.add("eventTypes: at least one event type is needed");
        }
        c.eventTypes().forEach((name, t) -> {
            if (t.negative() && t.weight() > 0) {
                p.add("eventTypes." + name + ".weight: a negative type needs a weight <= 0, was " + t.weight());
            }
        });
        var tr = c.training();
        positive(p, "training.listLength", tr.listLength());
        positive(p, "training.bundlesToKeep", tr.bundlesToKeep());
        nonNegative(p, "training.coVisitation.window", tr.coVisitation().window());
        positive(p, "training.coVisitation.maxUserItems", tr.coVisitation().maxUserItems());
        positive(p, "training.coVisitation.neighbours", tr.coVisitation().neighbours());
        if (tr.coVisitation().alpha() < 0 || tr.coVisitation().alpha() > 1) {
            p.add("training.coVisitation.alpha: must be between 0 and 1, was " + tr.coVisitation().alpha());
        }
        if (tr.coVisitation().shrink() < 0) {
            p.add("training.coVisitation.shrink: must be >= 0");
        }
        if (tr.trending().halfLifeHours() <= 0) {
            p.add("training.trending.halfLifeHours: must be > 0");
        }
        var als = tr.als();
        positive(p, "training.als.factors", als.factors());
        positive(p, "training.als.iterations", als.iterations());
        positive(p, "training.als.cgSteps", als.cgSteps());
        nonNegative(p, "training.als.threads", als.threads());
        if (als.regularization() <= 0) {
            p.add("training.als.regularization: must be > 0 (it keeps fold-in solvable), was " + als.regularization());
        }
        if (als.alpha() <= 0 || als.epsilon() <= 0) {
            p.add("training.als.alpha and training.als.epsilon: must be > 0");
        }
        positive(p, "training.bpr.factors", tr.bpr().factors());
        positive(p, "training.bpr.epochs", tr.bpr().epochs());
        if (tr.bpr().learningRate() <= 0 || tr.bpr().regularization() < 0) {
            p.add("training.bpr: learningRate must be > 0 and regularization >= 0");
        }
        if (tr.ease().lambda() <= 0) {
            p.add("training.ease.lambda: must be > 0, was " + tr.ease().lambda());
        }
        positive(p, "training.ease.maxItems", tr.ease().maxItems());
        positive(p, "training.content.dimension", tr.content().dimension());
        java.util.Set<String> encoders = PluginNames.of("training.content.encoder");
        if (tr.content().enabled() && !encoders.contains(tr.content().encoder())) {
            p.add("training.content.encoder: '" + tr.content().encoder() + "' is not available; available: " + encoders);
        }
        positive(p, "search.candidates", c.search().candidates());
        if (c.search().personalWeight() < 0 || c.search().personalWeight() > 1) {
            p.add("search.personalWeight: must be in [0, 1], was " + c.search().personalWeight());
        }
        nonNegative(p, "training.ann.exactBelow", tr.ann().exactBelow());
        positive(p, "training.ann.m", tr.ann().m());
        positive(p, "training.ann.beamWidth", tr.ann().beamWidth());
        positive(p, "training.ann.overquery", tr.ann().overquery());
        positive(p, "retrieval.deadlineMs", c.retrieval().deadlineMs());
        positive(p, "retrieval.historyLength", c.retrieval().historyLength());
        nonNegative(p, "retrieval.newItemNeighbours", c.retrieval().newItemNeighbours());
        java.util.Set<String> types = PluginNames.of(SieveConfig.SourceConfig.TYPE_KEY);
        c.retrieval().sources().forEach((name, source) -> {
            String key = "retrieval.sources." + name;
            if (!types.contains(source.type())) {
                p.add(key + ".type: no retriever type '" + source.type() + "'; known: " + types);
            }
            positive(p, key + ".quota", source.quota());
            if (source.weight() < 0) {
                p.add(key + ".weight: must be >= 0, was " + source.weight());
            }
            PluginNames.checkAll(SieveConfig.SourceConfig.TYPE_KEY, source.type(), source.settings())
                    .forEach(problem -> p.add(key + "." + problem));
        });
        positive(p, "filters.historyLimit", c.filters().historyLimit());
        if (!List.of("blend", "learned").contains(c.ranking().type())) {
            p.add("ranking.type: must be one of [blend, learned], was '" + c.ranking().type() + "'");
        }
        positive(p, "ranking.candidates", c.ranking().candidates());
        positive(p, "ranking.coldStart.personalAfter", c.ranking().coldStart().personalAfter());
        c.ranking().coldStart().stages().forEach((stage, weights) -> {
            if (java.util.Arrays.stream(io.sieve.model.ColdStartStage.values()).noneMatch(st -> st.name().equals(stage))) {
                p.add("ranking.coldStart.stages." + stage + ": not a stage; stages are "
                        + java.util.Arrays.toString(io.sieve.model.ColdStartStage.values()));
            }
            weights.forEach((source, w) -> {
                if (!c.retrieval().sources().containsKey(source)) {
                    p.add("ranking.coldStart.stages." + stage + "." + source + ": no such source");
                } else if (w < 0) {
                    p.add("ranking.coldStart.stages." + stage + "." + source + ": must be >= 0, was " + w);
                }
            });
        });
        positive(p, "ranking.deadlineMs", c.ranking().deadlineMs());
        c.ranking().objectives().forEach((name, o) -> {
            String key = "ranking.objectives." + name;
            if (o.weight() < 0) {
                p.add(key + ".weight: must be >= 0, was " + o.weight());
            }
            if (!List.of("binary", "value").contains(o.grade())) {
                p.add(key + ".grade: must be one of [binary, value], was '" + o.grade() + "'");
            }
            for (String type : o.events()) {
                if (!c.eventTypes().containsKey(type)) {
                    p.add(key + ".events: '" + type + "' is not a configured event type");
                }
            }
        });
        var rt = c.ranking().training();
        if (rt.kinds().isEmpty() || !List.of("random", "latest").containsAll(rt.kinds())) {
            p.add("ranking.training.kinds: must be a non-empty list of [random, latest], was " + rt.kinds());
        }
        if (rt.folds() < 2) {
            p.add("ranking.training.folds: must be >= 2 (lists are validated out of fold), was " + rt.folds());
        }
        if (rt.labelFraction() <= 0 || rt.labelFraction() >= 1) {
            p.add("ranking.training.labelFraction: must be between 0 and 1 (exclusive), was " + rt.labelFraction());
        }
        if (rt.validationFraction() <= 0 || rt.validationFraction() >= 1) {
            p.add("ranking.training.validationFraction: must be between 0 and 1 (exclusive), was " + rt.validationFraction());
        }
        positive(p, "ranking.training.maxRequests", rt.maxRequests());
        positive(p, "ranking.training.trees", rt.trees());
        positive(p, "ranking.training.leaves", rt.leaves());
        positive(p, "ranking.training.minDataInLeaf", rt.minDataInLeaf());
        positive(p, "ranking.training.attributionWindowMinutes", rt.attributionWindowMinutes());
        if (rt.learningRate() <= 0) {
            p.add("ranking.training.learningRate: must be > 0, was " + rt.learningRate());
        }
        for (int i = 0; i < c.rules().size(); i++) {
            p.addAll(c.rules().get(i).problems("rules[" + i + "]"));
        }
        var x = c.exploration();
        java.util.Map<String, SieveConfig.ExplorationPolicyConfig> policies = new java.util.LinkedHashMap<>();
        policies.put("exploration.policy", x.policy());
        x.surfaces().forEach((surface, policy) -> policies.put("exploration.surfaces." + surface, policy));
        policies.forEach((key, policy) -> {
            if (!PluginNames.of("exploration.policy.type").contains(policy.type())) {
                p.add(key + ".type: must be one of " + PluginNames.of("exploration.policy.type") + ", was '" + policy.type() + "'");
            }
            if (policy.epsilon() < 0 || policy.epsilon() > 1) {
                p.add(key + ".epsilon: must be in [0, 1], was " + policy.epsilon());
            }
            for (int slot : policy.slots()) {
                if (slot < 1) {
                    p.add(key + ".slots: positions start at 1, was " + slot);
                }
            }
        });
        positive(p, "exploration.pool", x.pool());
        positive(p, "exploration.propensitySamples", x.propensitySamples());
        if (x.priorStrength() <= 0) {
            p.add("exploration.priorStrength: must be > 0, was " + x.priorStrength());
        }
        var f = c.features();
        for (double h : f.halfLivesDays()) {
            if (h <= 0) {
                p.add("features.halfLivesDays: every half-life must be > 0, was " + h);
            }
        }
        positive(p, "features.recentItems", f.recentItems());
        try {
            java.time.ZoneId.of(f.timeZone());
        } catch (java.time.DateTimeException e) {
            p.add("features.timeZone: '" + f.timeZone() + "' is not a time zone (" + e.getMessage() + ")");
        }
        for (String type : f.conversionTypes()) {
            if (!c.eventTypes().containsKey(type)) {
                p.add("features.conversionTypes: '" + type + "' is not a configured event type");
            }
        }
        if (c.ranking().rrfK() <= 0) {
            p.add("ranking.rrfK: must be > 0");
        }
        var rr = c.rerank();
        if (!PluginNames.of("rerank.diversity").contains(rr.diversity())) {
            p.add("rerank.diversity: must be one of " + PluginNames.of("rerank.diversity") + ", was '" + rr.diversity() + "'");
        }
        for (String stage : rr.chain()) {
            if (!PluginNames.of("rerank.chain").contains(stage)) {
                p.add("rerank.chain: no re-ranking stage '" + stage + "'; known: " + PluginNames.of("rerank.chain"));
            }
        }
        if (rr.chain().isEmpty() || !"slate".equals(rr.chain().get(0))) {
            p.add("rerank.chain: must start with slate, which chooses from the ranked candidates, was " + rr.chain());
        }
        if (!List.of("embedding", "category").contains(rr.similarity())) {
            p.add("rerank.similarity: must be one of [embedding, category], was '" + rr.similarity() + "'");
        }
        if (rr.lambda() < 0 || rr.lambda() > 1 || ("dpp".equals(rr.diversity()) && rr.lambda() >= 1)) {
            p.add("rerank.lambda: must be in [0, 1] (below 1 for dpp), was " + rr.lambda());
        }
        positive(p, "rerank.window", rr.window());
        nonNegative(p, "rerank.confidentSlots", rr.confidentSlots());
        if (rr.minConfidence() < 0 || rr.minConfidence() > 1) {
            p.add("rerank.minConfidence: must be in [0, 1], was " + rr.minConfidence());
        }
        if (rr.fatigue().decay() <= 0 || rr.fatigue().decay() > 1) {
            p.add("rerank.fatigue.decay: must be in (0, 1], was " + rr.fatigue().decay());
        }
        positive(p, "rerank.fatigue.afterImpressions", rr.fatigue().afterImpressions());
        for (var slot : c.exploration().policy().slots()) {
            if (slot <= rr.confidentSlots() && !"none".equals(c.exploration().policy().type())) {
                p.add("exploration.policy.slots: position " + slot + " is one of the first rerank.confidentSlots ("
                        + rr.confidentSlots() + "), which only take confident items");
            }
        }
        nonNegative(p, "rerank.categoryCap", rr.categoryCap());
        if (rr.freshnessDays() < 0 || rr.freshnessBoost() < 0) {
            p.add("rerank.freshnessDays and rerank.freshnessBoost: must be >= 0");
        }
        checkSecurity(p, c.security());
        checkLimits(p, c.limits());
        if (c.store().url() == null || c.store().url().isBlank()) {
            p.add("store.url: must name a store, such as rocksdb:store or memory:");
        }
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
    }

    private static void checkSecurity(List<String> p, SieveConfig.SecurityConfig security) {
        security.keys().forEach((name, k) -> {
            String key = "security.keys." + name;
            if (k == null) {
                p.add(key + ": needs key or keyEnv, and scopes");
                return;
            }
            boolean inline = k.key() != null && !k.key().isEmpty();
            boolean fromEnv = k.keyEnv() != null && !k.keyEnv().isBlank();
            if (inline == fromEnv) {
                p.add(key + ": give exactly one of key (the secret) or keyEnv (the environment variable holding it)");
            } else if (inline && k.key().length() < SieveConfig.SecurityConfig.MIN_KEY_LENGTH) {
                // The secret itself is never repeated in a message.
                p.add(key + ".key: must be at least " + SieveConfig.SecurityConfig.MIN_KEY_LENGTH + " characters, was " + k.key().length());
            }
            if (k.scopes().isEmpty()) {
                p.add(key + ".scopes: list at least one of " + SieveConfig.SecurityConfig.SCOPES);
            }
            for (String scope : k.scopes()) {
                if (!SieveConfig.SecurityConfig.SCOPES.contains(scope)) {
                    p.add(key + ".scopes: '" + scope + "' is not a scope; scopes are " + SieveConfig.SecurityConfig.SCOPES);
                }
            }
        });
    }

    private static void checkLimits(List<String> p, SieveConfig.LimitsConfig l) {
        positive(p, "limits.bodyBytes", l.bodyBytes());
        positive(p, "limits.batchSize", l.batchSize());
        positive(p, "limits.titleLength", l.titleLength());
        positive(p, "limits.descriptionLength", l.descriptionLength());
        positive(p, "limits.categories", l.categories());
        positive(p, "limits.tags", l.tags());
        positive(p, "limits.attributes", l.attributes());
        positive(p, "limits.attributeValues", l.attributeValues());
        positive(p, "limits.onboardingCategories", l.onboardingCategories());
        positive(p, "limits.onboardingItems", l.onboardingItems());
    }

    private static void positive(List<String> p, String key, long value) {
        if (value <= 0) {
            p.add(key + ": must be > 0, was " + value);
        }
    }

    private static void nonNegative(List<String> p, String key, long value) {
        if (value < 0) {
            p.add(key + ": must be >= 0, was " + value);
        }
    }
}
