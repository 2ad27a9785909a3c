package io.sieve.config;

import io.sieve.model.EventType;
import io.sieve.model.EventTypes;
import java.util.Map;

/**
 * The whole configuration. Built-in defaults live in {@code defaults.yaml} beside this class; a
 * user's YAML file and {@code SIEVE_*} environment variables override them (see {@link ConfigLoader}).
 */
public record SieveConfig(
        ServerConfig server,
        Map<String, EventTypeConfig> eventTypes,
        TrainingConfig training,
        RetrievalConfig retrieval,
        FilterConfig filters,
        FeaturesConfig features,
        RankingConfig ranking,
        RerankConfig rerank,
        ExplorationConfig exploration,
        SearchConfig search,
        java.util.List<io.sieve.rules.Rule> rules,
        SecurityConfig security,
        LimitsConfig limits,
        StoreConfig store) {

    /** The same configuration with other business rules (a request's own, or a test's). */
    public SieveConfig withRules(java.util.List<io.sieve.rules.Rule> replacement) {
        return new SieveConfig(server, eventTypes, training, retrieval, filters, features, ranking, rerank, exploration,
                search, replacement, security, limits, store);
    }

    public EventTypes types() {
        return new EventTypes(eventTypes.entrySet().stream()
                .map(e -> e.getValue().toEventType(e.getKey()))
                .toList());
    }

    /** @param itemsPerSurface the default list length per surface, where it differs from defaultN */
    public record ServerConfig(String host, int port, int bundlePollSeconds, int defaultN, int maxN,
                               Map<String, Integer> itemsPerSurface) {
        public int defaultN(String surface) {
            return itemsPerSurface.getOrDefault(surface, defaultN);
        }
    }

    public record EventTypeConfig(double weight, boolean negative, boolean seen, boolean useValue, String verb) {
        EventType toEventType(String name) {
            return new EventType(name, weight, negative, seen, useValue, verb == null ? "chose" : verb);
        }
    }

    public record TrainingConfig(CoVisitationTraining coVisitation, TrendingTraining trending,
                                 SegmentTraining segments, AlsTraining als, BprTraining bpr, EaseTraining ease,
                                 AnnTraining ann, ContentTraining content, int listLength, int bundlesToKeep) {
    }

    /**
     * Content embeddings of the catalog (io.sieve.content).
     *
     * @param encoder   hashed (TF-IDF over hashed words and word pairs, built in) or minilm (all-MiniLM-L6-v2,
     *                  from the sieve-minilm module)
     * @param dimension the hashed encoder's number of buckets; minilm is always 384
     */
    public record ContentTraining(boolean enabled, String encoder, int dimension) {
    }

    /**
     * Implicit ALS (io.sieve.train.cf.ImplicitAls).
     *
     * @param confidence linear (1 + alpha·w) or log (1 + alpha·ln(1 + w/epsilon))
     * @param threads    0 uses every core
     */
    public record AlsTraining(boolean enabled, int factors, int iterations, double regularization, double alpha,
                              io.sieve.config.ConfidenceScale confidence, double epsilon, int cgSteps,
                              long seed, int threads) {
    }

    public record BprTraining(boolean enabled, int factors, int epochs, double learningRate, double regularization,
                              long seed) {
    }

    /** @param maxItems EASE models only the most popular items: 4·maxItems² bytes in the bundle */
    public record EaseTraining(boolean enabled, double lambda, int maxItems) {
    }

    /**
     * Vector index over item embeddings.
     *
     * @param exactBelow catalogs smaller than this are scanned exactly instead of searched in a graph
     */
    public record AnnTraining(int exactBelow, int m, int beamWidth, int overquery) {
    }

    /**
     * @param window        pairs further apart than this in a user's time-ordered history are not
     *                      counted; 0 counts every pair (classic item-to-item similarity)
     * @param maxUserItems  only the most recent items of very long histories are paired
     * @param neighbours    neighbours kept per item
     * @param alpha         asymmetric cosine exponent: 0.5 is cosine, towards 1 favours popular neighbours less
     * @param shrink        added to the denominator so that pairs seen once or twice do not dominate
     */
    public record CoVisitationTraining(int window, int maxUserItems, int neighbours, double alpha, double shrink) {
    }

    public record TrendingTraining(double halfLifeHours) {
    }

    /**
     * @param attributes user attributes that define segments, in order of preference
     * @param ageBounds  lower bounds of the age groups used when the attribute is numeric "age"
     */
    public record SegmentTraining(java.util.List<String> attributes, java.util.List<Integer> ageBounds) {
    }

    /**
     * @param newItemNeighbours   items with too few interactions borrow an ALS position from this many
     *                            content neighbours, so the ALS source can propose them; 0: off
     * @param newItemInteractions an item borrows while it has fewer positive events than this (the
     *                            feature store's live count), then its own ALS vector takes over
     */
    public record RetrievalConfig(int deadlineMs, int historyLength, int newItemNeighbours, double newItemInteractions,
                                  Map<String, SourceConfig> sources) {
        public RetrievalConfig {
            // In the configured order, which is the order sources are merged and their features listed.
            Map<String, SourceConfig> named = new java.util.LinkedHashMap<>();
            sources.forEach((name, source) -> named.put(name, source.named(name)));
            sources = java.util.Collections.unmodifiableMap(named);
        }
    }

    /**
     * One retrieval source ({@code retrieval.sources.<name>}): its type, a registered retriever
     * ({@code io.sieve.retrieve.RetrieverFactory}; the source's own name when not given), whether it
     * runs (yes unless said otherwise), how many candidates it may propose, its weight in the blend
     * (1 unless given), and any settings of its type's own (a session's gap, say).
     */
    public record SourceConfig(String type, boolean enabled, int quota, double weight,
                               @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> settings) {
        /** The key whose names the retriever registry knows. */
        public static final String TYPE_KEY = "retrieval.sources.*.type";

        @com.fasterxml.jackson.annotation.JsonCreator
        static SourceConfig of(@com.fasterxml.jackson.annotation.JsonProperty("type") String type,
                               @com.fasterxml.jackson.annotation.JsonProperty("enabled") Boolean enabled,
                               @com.fasterxml.jackson.annotation.JsonProperty("quota") Integer quota,
                               @com.fasterxml.jackson.annotation.JsonProperty("weight") Double weight) {
            return new SourceConfig(type, enabled == null || enabled, quota == null ? 0 : quota,
                    weight == null ? 1.0 : weight, new java.util.LinkedHashMap<>());
        }

        @com.fasterxml.jackson.annotation.JsonAnySetter
        void set(String key, Object value) {
            settings.put(key, value);
        }

        @com.fasterxml.jackson.annotation.JsonAnyGetter
        Map<String, Object> anySettings() {
            return settings;
        }

        /** The same source, its type resolved to {@code name} when it gave none. */
        SourceConfig named(String name) {
            return type != null ? this : new SourceConfig(name, enabled, quota, weight, settings);
        }
    }

    /**
     * @param seen             drop items the user has an event on whose type is marked {@code seen}
     * @param negative         drop items the user skipped, hid or disliked (types marked {@code negative})
     * @param unavailable      drop items marked unavailable or no longer in the catalog
     * @param historyLimit     how many of the user's latest events the seen and negative filters read
     */
    public record FilterConfig(boolean seen, boolean negative, boolean unavailable, int historyLimit) {
    }

    /**
     * The feature store (io.sieve.feature).
     *
     * @param halfLivesDays   item counters decay with each of these half-lives; an all-time count is always kept
     * @param conversionTypes event types that count as conversions (for the item's conversion rate)
     * @param itemAttributes  numeric item attributes used as features
     * @param userAttributes  numeric user attributes used as features
     * @param userCategories  categorical user attributes (e.g. gender, country) used as features
     * @param surfaces        known surfaces, a categorical feature (others share one value)
     * @param devices         known devices, a categorical feature (others share one value)
     * @param timeZone        zone of the hour-of-day and day-of-week features
     * @param recentItems     the user's latest items that the co-visitation and embedding-similarity features compare a candidate with
     */
    public record FeaturesConfig(java.util.List<Double> halfLivesDays, java.util.List<String> conversionTypes,
                                 java.util.List<String> itemAttributes, java.util.List<String> userAttributes,
                                 java.util.List<String> userCategories,
                                 java.util.List<String> surfaces, java.util.List<String> devices, String timeZone,
                                 int recentItems) {
    }

    /**
     * @param type       blend (weighted sum of the sources) or learned (LambdaMART over the feature store)
     * @param fusion     how source scores are made comparable before blending: score or rrf
     * @param rrfK       the k of reciprocal-rank fusion: larger values flatten the bonus of top ranks
     * @param candidates the learned ranker re-orders this many of the blend's best candidates
     * @param deadlineMs a ranker slower than this is abandoned for the blend's order
     * @param objectives models trained and blended by weight (weight 0: not trained)
     * @param gate       serve a trained ranker only when it beat the blend on held-out lists built as served ones
     */
    public record RankingConfig(String type, io.sieve.config.Fusion fusion, double rrfK, int candidates,
                                int deadlineMs, Map<String, Objective> objectives, RankerTraining training,
                                ColdStart coldStart, boolean gate) {
    }

    /**
     * The cold-start chain (io.sieve.model.ColdStartStage): global, segment, onboarding, session, personalised.
     *
     * @param personalAfter positive events from which a user is fully personalised (the configured blend weights)
     * @param stages        per earlier stage, blend weights that replace those of the sources listed
     */
    public record ColdStart(int personalAfter, Map<String, Map<String, Double>> stages) {
    }

    /**
     * What one ranker model predicts.
     *
     * @param events   event types that make a positive label; empty: every type with a positive weight
     * @param grade    binary (did it) or value (the event's value, e.g. stars, as graded relevance)
     * @param minValue with grade value, values below this are not relevant; the grade is value - minValue + 1
     */
    public record Objective(double weight, java.util.List<String> events, String grade, double minValue) {
    }

    /**
     * @param kinds              what training lists hold out of a user's events: random (a random share, asked
     *                           for at the data's clock) and latest (their latest events, asked for just before)
     * @param folds              cross-fitting folds: each fold's lists come from retrieval trained without their labels
     * @param labelFraction      the share of a sampled user's events held out to label their list
     * @param maxRequests        cap on training requests (lists)
     * @param validationFraction share of lists early stopping watches
     * @param attributionWindowMinutes an event this soon after an impression of its item labels it
     * @param minImpressions     logged impressions needed before they replace replayed history
     */
    public record RankerTraining(java.util.List<String> kinds, int folds, double labelFraction, int maxRequests, double validationFraction, int trees,
                                 int leaves, double learningRate, int minDataInLeaf, int earlyStoppingRounds,
                                 long seed, int attributionWindowMinutes, int minImpressions) {
    }

    /**
     * Natural-language search ({@code GET /v1/search}).
     *
     * @param candidates     items found by content before the personal blend
     * @param personalWeight with a user, the weight of their ALS affinity against the text match (both scaled to [0, 1])
     */
    public record SearchConfig(int candidates, double personalWeight) {
    }

    /**
     * Exploration slots (io.sieve.rerank.ExploringReRanker).
     *
     * @param policy            the default policy: none, epsilon or thompson
     * @param surfaces          per surface, a policy that replaces the default
     * @param pool              candidates outside the slate an exploration slot may show, those shown least first
     * @param priorStrength     Thompson sampling: the Beta prior's weight in impressions, centred on the category's CTR
     * @param propensitySamples Thompson sampling: draws used to estimate the logged propensity
     * @param seed              mixed with the user and the request time, so a replayed request explores the same way
     */
    public record ExplorationConfig(ExplorationPolicyConfig policy, Map<String, ExplorationPolicyConfig> surfaces,
                                    int pool, double priorStrength, int propensitySamples, long seed) {
        public ExplorationPolicyConfig forSurface(String surface) {
            return surfaces.getOrDefault(surface, policy);
        }
    }

    /**
     * @param type    none, epsilon (epsilon-greedy) or thompson (Beta-Bernoulli Thompson sampling)
     * @param slots   1-based slate positions that explore
     * @param epsilon epsilon-greedy: the chance that a slot shows a random pool item instead of the ranked one
     */
    public record ExplorationPolicyConfig(String type, java.util.List<Integer> slots, double epsilon) {
    }

    /**
     * The slate: io.sieve.rerank.SlateReRanker.
     *
     * @param chain          the re-ranking stages in order, each wrapping the one before (io.sieve.rerank.ReRankerFactory)
     * @param diversity      none, or a diversifier: mmr or dpp
     * @param lambda         MMR: the weight of relevance against similarity; DPP: theta, the same trade-off
     * @param window         how many of the ranker's best candidates the slate is chosen from
     * @param similarity     embedding (ALS item vectors) or category
     * @param categoryCap    at most this many items per category in the slate; 0: no cap
     * @param freshnessDays  items created this recently get the freshness boost
     * @param freshnessBoost added to relevance (scaled to [0, 1] within the window) of fresh items; 0: none
     * @param confidentSlots the first this many positions only take items whose relevance reaches minConfidence
     * @param minConfidence  relevance (scaled to [0, 1] within the window) the confident slots require
     * @param fatigue        impression fatigue: items the user was shown and did not engage with lose relevance
     */
    public record RerankConfig(java.util.List<String> chain, String diversity, double lambda, int window, String similarity, int categoryCap,
                               double freshnessDays, double freshnessBoost, int confidentSlots, double minConfidence,
                               Fatigue fatigue) {
    }

    /**
     * @param afterImpressions shown this many times (within {@code days}) without an event on it, an item starts to decay
     * @param decay            each impression from then on multiplies its relevance by this; 1 turns fatigue off
     * @param days             only impressions this recent count
     */
    public record Fatigue(int afterImpressions, double decay, double days) {
    }

    /**
     * Who may call the HTTP API (docs/SECURITY.md).
     *
     * @param keys                       API keys by name; none: every endpoint is open (to loopback only,
     *                                   unless allowUnauthenticatedRemote)
     * @param openRead                   with keys, recommendations, similar items, search and metrics need no key
     * @param allowUnauthenticatedRemote lets a server with no keys bind an address other machines can reach
     */
    public record SecurityConfig(Map<String, ApiKeyConfig> keys, boolean openRead, boolean allowUnauthenticatedRemote) {
        /** The scopes a key may list. */
        public static final java.util.List<String> SCOPES = java.util.List.of("read", "write", "admin");
        /** Shorter secrets can be guessed; 16 random characters cannot. */
        public static final int MIN_KEY_LENGTH = 16;
    }

    /**
     * One API key: its secret given inline ({@code key}) or read from an environment variable ({@code keyEnv}).
     *
     * @param scopes read, write and/or admin; a key has exactly the scopes listed
     */
    public record ApiKeyConfig(String key, String keyEnv, java.util.List<String> scopes) {
        public ApiKeyConfig {
            scopes = scopes == null ? java.util.List.of() : java.util.List.copyOf(scopes);
        }

        /** Never shows the secret: configurations get printed and logged. */
        @Override
        public String toString() {
            return "ApiKeyConfig[key=" + (key == null ? "null" : "<redacted>") + ", keyEnv=" + keyEnv + ", scopes=" + scopes + "]";
        }
    }

    /**
     * What one HTTP request may hold; beyond these a request is refused (400 or 413, naming the field).
     *
     * @param bodyBytes            the largest request body
     * @param batchSize            records in one batch (items, users, events)
     * @param titleLength          characters in an item's title
     * @param descriptionLength    characters in an item's description
     * @param categories           categories of one item
     * @param tags                 tags of one item
     * @param attributes           attributes of one item or user
     * @param attributeValues      elements of one list-valued attribute
     * @param onboardingCategories categories one onboarding request may pick
     * @param onboardingItems      items one onboarding request may pick
     */
    public record LimitsConfig(int bodyBytes, int batchSize, int titleLength, int descriptionLength, int categories,
                               int tags, int attributes, int attributeValues, int onboardingCategories,
                               int onboardingItems) {
    }

    /**
     * @param url where the store lives, {@code <scheme>:<location>}: {@code rocksdb:<path>} (relative to the
     *            data directory) or {@code memory:}; the scheme is looked up when the store is opened
     */
    public record StoreConfig(String url) {
    }
}
