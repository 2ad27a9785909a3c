package io.sieve.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sieve.model.ColdStartStage;
import io.sieve.model.EventType;
import io.sieve.model.EventTypes;
import io.sieve.rules.Rule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.constraints.Range;

/**
 * The whole configuration. Built-in defaults live in {@code defaults.yaml} beside this class; a
 * user's YAML file and {@code SIEVE_*} environment variables override them (see {@link ConfigLoader}).
 *
 * <p>Each record declares the range of each of its keys as a Bean Validation constraint, checked
 * once after binding ({@link ConfigValidator}); fixed vocabularies are enums, which binding checks.
 * What relates several keys, or names a plug-in, is one of the {@link CrossChecks}. Every
 * value that must be present is {@code @NotNull}: YAML's {@code key:} with nothing after it is null.
 */
public record SieveConfig(
        @NotNull @Valid ServerConfig server,
        @NotEmpty(message = "at least one event type is needed") Map<String, @NotNull @Valid EventTypeConfig> eventTypes,
        @NotNull @Valid TrainingConfig training,
        @NotNull @Valid RetrievalConfig retrieval,
        @NotNull @Valid FilterConfig filters,
        @NotNull @Valid FeaturesConfig features,
        @NotNull @Valid RankingConfig ranking,
        @NotNull @Valid RerankConfig rerank,
        @NotNull @Valid ExplorationConfig exploration,
        @NotNull @Valid SearchConfig search,
        @NotNull List<@NotNull Rule> rules,
        @NotNull @Valid SecurityConfig security,
        @NotNull @Valid LimitsConfig limits,
        @NotNull @Valid StoreConfig store,
        @NotNull @Valid OnlineConfig online,
        @NotNull @Valid IngestConfig ingest,
        @NotNull @Valid PublishConfig publish,
        @NotNull Map<String, @NotNull @Valid ExperimentConfig> experiments,
        @NotNull @Valid HoldoutConfig holdout,
        @NotNull @Valid AnalysisConfig experimentAnalysis,
        @NotNull @Valid RolloutConfig rollout,
        @NotNull @Valid MonitoringConfig monitoring) {

    /** The same configuration with other business rules (a request's own, or a test's). */
    public SieveConfig withRules(List<Rule> replacement) {
        return new SieveConfig(server, eventTypes, training, retrieval, filters, features, ranking, rerank, exploration,
                search, replacement, security, limits, store, online, ingest, publish, experiments, holdout, experimentAnalysis, rollout,
                monitoring);
    }

    /** The bundle versions experiment variants pin: training must not prune them. */
    public Set<String> pinnedBundles() {
        Set<String> pinned = new TreeSet<>();
        experiments.values().forEach(e -> e.variants().values().stream().map(ExperimentConfig.Variant::bundle)
                .filter(Objects::nonNull).forEach(pinned::add));
        return pinned;
    }

    public EventTypes types() {
        return new EventTypes(eventTypes.entrySet().stream()
                .map(e -> e.getValue().toEventType(e.getKey()))
                .toList());
    }

    /**
     * @param maxN            at least defaultN ({@link CrossChecks})
     * @param itemsPerSurface the default list length per surface, where it differs from defaultN
     */
    public record ServerConfig(@NotNull String host,
                               @Positive @Max(65535) int port,
                               @Positive int bundlePollSeconds,
                               @Positive int defaultN,
                               int maxN,
                               @NotNull Map<String, @NotNull Integer> itemsPerSurface) {
        public int defaultN(String surface) {
            return itemsPerSurface.getOrDefault(surface, defaultN);
        }
    }

    /** @param weight at most 0 for a negative type ({@link CrossChecks}) */
    public record EventTypeConfig(double weight, boolean negative, boolean seen, boolean useValue, String verb) {
        EventType toEventType(String name) {
            return new EventType(name, weight, negative, seen, useValue, verb == null ? "chose" : verb);
        }
    }

    public record TrainingConfig(@NotNull @Valid CoVisitationTraining coVisitation,
                                 @NotNull @Valid TrendingTraining trending,
                                 @NotNull @Valid SegmentTraining segments,
                                 @NotNull @Valid AlsTraining als,
                                 @NotNull @Valid BprTraining bpr,
                                 @NotNull @Valid EaseTraining ease,
                                 @NotNull @Valid CleoraTraining cleora,
                                 @NotNull @Valid TwoTowerTraining twoTower,
                                 @NotNull @Valid AnnTraining ann,
                                 @NotNull @Valid ContentTraining content,
                                 @Positive int listLength,
                                 @Positive int bundlesToKeep) {
    }

    /**
     * Cleora graph embeddings (io.sieve.train.cf.Cleora) of the user-item graph and, with
     * {@code attributeWeight > 0}, the item-attribute graph (categories, tags).
     *
     * @param iterations      rounds of neighbourhood averaging; each reaches one hop further
     * @param attributeWeight an attribute edge's weight against an interaction's
     * @param newItemLength   the length of an unchosen item's vector, placed at its attributes'
     *                        mean; 0 keeps the mean's own (it scores like a typical item of its kind)
     * @param threads         0: every core; the result does not depend on it
     */
    public record CleoraTraining(boolean enabled, @Positive int dimension, @Positive int iterations,
                                 @PositiveOrZero double attributeWeight,
                                 @PositiveOrZero double newItemLength, long seed, @PositiveOrZero int threads) {
    }

    /**
     * The two-tower model (io.sieve.train.cf.TwoTower): a user tower over the user's latest items, an
     * item tower over the item's id, categories and tags, trained with in-batch sampled softmax.
     *
     * @param layers        dense layers per tower: 1 (linear) or 2 (ReLU, then linear)
     * @param temperature   the softmax's logits are cosine / temperature
     * @param pooling       how the user tower pools the history: mean, or attention (a learned weight per item, softmaxed)
     * @param historyLength the user's newest liked items pooled by the user tower, in training and serving
     * @param hardNegatives extra negatives per batch, each the best-scoring of {@code hardNegativePool}
     *                      random items: 0 uses the batch's own positives only
     * @param idDropout     how often training hides a positive item's id from the item tower, so that
     *                      categories and tags learn to place new items
     * @param userAttributes add the mean embedding of the user's attributes (as training.segments reads them) to the user tower's input
     * @param context       the user tower reads the hour and weekday of the moment (features.timeZone): each choice's in training, the request's in serving
     * @param content       the item tower reads the item's content vector (training.content's encoder) through a learned projection
     * @param historyDropout how often training hides the history of a user with attributes, so that
     *                      attributes learn to place a user who has chosen nothing yet
     * @param validationUsers users whose newest item is held out to stop training when their recall stops rising
     * @param patience      epochs without a better validation recall before stopping
     * @param refit         train again on every interaction for the best epoch's count, the held-out items too
     * @param members       models trained alike from different seeds, served as one scoring the mean of their cosines
     * @param logQCorrection subtract each in-batch negative's log sampling probability (its popularity) from its logit
     * @param threads       0: every core; the model does not depend on it
     */
    public record TwoTowerTraining(boolean enabled, @Positive int dimension, @Min(1) @Max(2) int layers,
                                   @Positive double temperature, @Positive int batchSize, @Positive int epochs,
                                   @Positive double learningRate, @NotNull @Pattern(regexp = "mean|attention") String pooling,
                                   @Positive int historyLength,
                                   @PositiveOrZero int hardNegatives, @Positive int hardNegativePool,
                                   @DecimalMin("0") @DecimalMax("1") double idDropout,
                                   boolean userAttributes, boolean context, boolean content, @DecimalMin("0") @DecimalMax("1") double historyDropout,
                                   @PositiveOrZero int validationUsers, @PositiveOrZero int patience, boolean refit, @Positive int members,
                                   boolean logQCorrection, @PositiveOrZero double logQWeight,
                                   long seed, @PositiveOrZero int threads) {
    }

    /**
     * Content embeddings of the catalog (io.sieve.content).
     *
     * @param encoder   hashed (TF-IDF over hashed words and word pairs, built in) or minilm (all-MiniLM-L6-v2,
     *                  from the sieve-minilm module): a registered text encoder ({@link PluginNames})
     * @param dimension the hashed encoder's number of buckets; minilm is always 384
     */
    public record ContentTraining(boolean enabled, @NotNull String encoder, @Positive int dimension) {
    }

    /**
     * Implicit ALS (io.sieve.train.cf.ImplicitAls).
     *
     * @param confidence linear (1 + alpha·w) or log (1 + alpha·ln(1 + w/epsilon))
     * @param threads    0 uses every core
     */
    public record AlsTraining(boolean enabled,
                              @Positive int factors,
                              @Positive int iterations,
                              @Positive(message = "must be greater than 0 (it keeps fold-in solvable)") double regularization,
                              @Positive double alpha,
                              @NotNull ConfidenceScale confidence,
                              @Positive double epsilon,
                              @Positive int cgSteps,
                              long seed,
                              @PositiveOrZero int threads) {
    }

    public record BprTraining(boolean enabled,
                              @Positive int factors,
                              @Positive int epochs,
                              @Positive double learningRate,
                              @PositiveOrZero double regularization,
                              long seed) {
    }

    /** @param maxItems EASE models only the most popular items: 4·maxItems² bytes in the bundle */
    public record EaseTraining(boolean enabled, @Positive double lambda, @Positive int maxItems) {
    }

    /**
     * Vector index over item embeddings.
     *
     * @param exactBelow catalogs smaller than this are scanned exactly instead of searched in a graph
     */
    public record AnnTraining(@PositiveOrZero int exactBelow, @Positive int m, @Positive int beamWidth,
                              @Positive int overquery) {
    }

    /**
     * @param window        pairs further apart than this in a user's time-ordered history are not
     *                      counted; 0 counts every pair (classic item-to-item similarity)
     * @param maxUserItems  only the most recent items of very long histories are paired
     * @param neighbours    neighbours kept per item
     * @param alpha         asymmetric cosine exponent: 0.5 is cosine, towards 1 favours popular neighbours less
     * @param shrink        added to the denominator so that pairs seen once or twice do not dominate
     */
    public record CoVisitationTraining(@PositiveOrZero int window,
                                       @Positive int maxUserItems,
                                       @Positive int neighbours,
                                       @Range(min = 0, max = 1) double alpha,
                                       @PositiveOrZero double shrink) {
    }

    public record TrendingTraining(@Positive double halfLifeHours) {
        /** The half-life to the millisecond. */
        public java.time.Duration halfLife() {
            return java.time.Duration.ofMillis(Math.round(halfLifeHours * 3_600_000.0));
        }
    }

    /**
     * @param attributes user attributes that define segments, in order of preference
     * @param ageBounds  lower bounds of the age groups used when the attribute is numeric "age"
     */
    public record SegmentTraining(@NotNull List<@NotNull String> attributes, @NotNull List<@NotNull Integer> ageBounds) {
    }

    /**
     * @param newItemNeighbours   items with too few interactions borrow an ALS position from this many
     *                            content neighbours, so the ALS source can propose them; 0: off
     * @param newItemInteractions an item borrows while it has fewer positive events than this (the
     *                            feature store's live count), then its own ALS vector takes over
     */
    public record RetrievalConfig(@Positive int deadlineMs,
                                  @Positive int historyLength,
                                  @PositiveOrZero int newItemNeighbours,
                                  double newItemInteractions,
                                  @NotNull Map<String, @NotNull @Valid SourceConfig> sources) {
        public RetrievalConfig {
            if (sources != null) {
                // In the configured order, which is the order sources are merged and their features listed.
                Map<String, SourceConfig> named = new LinkedHashMap<>();
                sources.forEach((name, source) -> named.put(name, source == null ? null : source.named(name)));
                sources = Collections.unmodifiableMap(named);
            }
        }
    }

    /**
     * One retrieval source ({@code retrieval.sources.<name>}): its type, a registered retriever
     * ({@code io.sieve.retrieve.RetrieverFactory}; the source's own name when not given), whether it
     * runs (yes unless said otherwise), how many candidates it may propose, its weight in the blend
     * (1 unless given), and any settings of its type's own (a session's gap, say), which the type's
     * registry checks ({@link PluginNames#check}).
     */
    public record SourceConfig(String type, boolean enabled, @Positive int quota, @PositiveOrZero double weight,
                               @JsonIgnore Map<String, Object> settings) {
        /** The key whose names the retriever registry knows. */
        public static final String TYPE_KEY = "retrieval.sources.*.type";

        @JsonCreator
        static SourceConfig of(@JsonProperty("type") String type,
                               @JsonProperty("enabled") Boolean enabled,
                               @JsonProperty("quota") Integer quota,
                               @JsonProperty("weight") Double weight) {
            return new SourceConfig(type, enabled == null || enabled, quota == null ? 0 : quota,
                    weight == null ? 1.0 : weight, new LinkedHashMap<>());
        }

        @JsonAnySetter
        void set(String key, Object value) {
            settings.put(key, value);
        }

        @JsonAnyGetter
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
    public record FilterConfig(boolean seen, boolean negative, boolean unavailable, @Positive int historyLimit) {
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
    public record FeaturesConfig(@NotNull List<@NotNull @Positive Double> halfLivesDays,
                                 @NotNull List<@NotNull String> conversionTypes,
                                 @NotNull List<@NotNull String> itemAttributes,
                                 @NotNull List<@NotNull String> userAttributes,
                                 @NotNull List<@NotNull String> userCategories,
                                 @NotNull List<@NotNull String> surfaces,
                                 @NotNull List<@NotNull String> devices,
                                 @NotNull @TimeZoneName String timeZone,
                                 @Positive int recentItems,
                                 @PositiveOrZero int snapshotLatenessMinutes,
                                 @NotNull @Valid GraphConfig graph) {
    }

    /**
     * The in-memory graph of recent interactions that the {@code graph} source walks
     * ({@code io.sieve.graph.InteractionGraph}), kept while a source of type {@code graph} is
     * enabled: at most {@code segments x segmentEdges} edges, {@code maxDegree} per node in each
     * segment, segments older than {@code maxAgeDays} dropped (0: no limit).
     */
    public record GraphConfig(@Positive int maxDegree,
                              @Positive int segmentEdges,
                              @Positive int segments,
                              @PositiveOrZero double maxAgeDays) {
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
    public record RankingConfig(@NotNull RankingType type,
                                @NotNull Fusion fusion,
                                @Positive double rrfK,
                                @Positive int candidates,
                                @Positive int deadlineMs,
                                @NotNull Map<String, @NotNull @Valid Objective> objectives,
                                @NotNull @Valid RankerTraining training,
                                @NotNull @Valid ColdStart coldStart,
                                boolean gate) {
    }

    /**
     * The cold-start chain (io.sieve.model.ColdStartStage): global, segment, onboarding, session, personalised.
     *
     * @param personalAfter positive events from which a user is fully personalised (the configured blend weights)
     * @param stages        per earlier stage, blend weights that replace those of the sources listed (each a
     *                      configured source, {@link CrossChecks})
     */
    public record ColdStart(@Positive int personalAfter,
                            @NotNull Map<ColdStartStage, @NotNull Map<String, @NotNull @PositiveOrZero Double>> stages) {
    }

    /**
     * What one ranker model predicts.
     *
     * @param events   event types that make a positive label; empty: every type with a positive weight
     * @param grade    binary (did it) or value (the event's value, e.g. stars, as graded relevance)
     * @param minValue with grade value, values below this are not relevant; the grade is value - minValue + 1
     */
    public record Objective(@PositiveOrZero double weight, @NotNull List<@NotNull String> events, @NotNull Grade grade,
                            double minValue) {
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
    public record RankerTraining(@NotEmpty List<@NotNull HeldOutKind> kinds,
                                 @Min(value = 2, message = "must be at least 2 (lists are validated out of fold)") int folds,
                                 @Fraction double labelFraction,
                                 @Positive int maxRequests,
                                 @Fraction double validationFraction,
                                 @Positive int trees,
                                 @Positive int leaves,
                                 @Positive double learningRate,
                                 @Positive int minDataInLeaf,
                                 int earlyStoppingRounds,
                                 long seed,
                                 @Positive int attributionWindowMinutes,
                                 int minImpressions) {
    }

    /**
     * Natural-language search ({@code GET /v1/search}).
     *
     * @param candidates     items found by content before the personal blend
     * @param personalWeight with a user, the weight of their ALS affinity against the text match (both scaled to [0, 1])
     */
    public record SearchConfig(@Positive int candidates, @Range(min = 0, max = 1) double personalWeight) {
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
    public record ExplorationConfig(@NotNull @Valid ExplorationPolicyConfig policy,
                                    @NotNull Map<String, @NotNull @Valid ExplorationPolicyConfig> surfaces,
                                    @Positive int pool,
                                    @Positive double priorStrength,
                                    @Positive int propensitySamples,
                                    long seed) {
        public ExplorationPolicyConfig forSurface(String surface) {
            return surfaces.getOrDefault(surface, policy);
        }
    }

    /**
     * @param type    none, or a registered exploration policy: epsilon (epsilon-greedy) or thompson
     *                (Beta-Bernoulli Thompson sampling)
     * @param slots   1-based slate positions that explore, outside the confident slots ({@link CrossChecks})
     * @param epsilon epsilon-greedy: the chance that a slot shows a random pool item instead of the ranked one
     */
    public record ExplorationPolicyConfig(@NotNull String type,
                                          @NotNull List<@NotNull @Min(value = 1, message = "positions start at 1") Integer> slots,
                                          @Range(min = 0, max = 1) double epsilon) {
    }

    /**
     * The slate: io.sieve.rerank.SlateReRanker.
     *
     * @param chain          the re-ranking stages in order, each wrapping the one before (io.sieve.rerank.ReRankerFactory)
     * @param diversity      none, or a diversifier: mmr or dpp
     * @param lambda         MMR: the weight of relevance against similarity; DPP: theta, the same trade-off (below 1)
     * @param window         how many of the ranker's best candidates the slate is chosen from
     * @param similarity     embedding (ALS item vectors) or category
     * @param categoryCap    at most this many items per category in the slate; 0: no cap
     * @param freshnessDays  items created this recently get the freshness boost
     * @param freshnessBoost added to relevance (scaled to [0, 1] within the window) of fresh items; 0: none
     * @param confidentSlots the first this many positions only take items whose relevance reaches minConfidence
     * @param minConfidence  relevance (scaled to [0, 1] within the window) the confident slots require
     * @param fatigue        impression fatigue: items the user was shown and did not engage with lose relevance
     */
    public record RerankConfig(@NotNull List<@NotNull String> chain,
                               @NotNull String diversity,
                               @Range(min = 0, max = 1) double lambda,
                               @Positive int window,
                               @NotNull Similarity similarity,
                               @PositiveOrZero int categoryCap,
                               @PositiveOrZero double freshnessDays,
                               @PositiveOrZero double freshnessBoost,
                               @PositiveOrZero int confidentSlots,
                               @Range(min = 0, max = 1) double minConfidence,
                               @NotNull @Valid Fatigue fatigue) {
    }

    /**
     * @param afterImpressions shown this many times (within {@code days}) without an event on it, an item starts to decay
     * @param decay            each impression from then on multiplies its relevance by this; 1 turns fatigue off
     * @param days             only impressions this recent count
     */
    public record Fatigue(@Positive int afterImpressions, @Positive @Max(1) double decay, double days) {
    }

    /**
     * Who may call the HTTP API (docs/SECURITY.md).
     *
     * @param keys                       API keys by name; none: every endpoint is open (to loopback only,
     *                                   unless allowUnauthenticatedRemote)
     * @param openRead                   with keys, recommendations, similar items, search and metrics need no key
     * @param allowUnauthenticatedRemote lets a server with no keys bind an address other machines can reach
     */
    public record SecurityConfig(
            @NotNull Map<String, @NotNull(message = "needs key or keyEnv, and scopes") @Valid ApiKeyConfig> keys,
            boolean openRead,
            boolean allowUnauthenticatedRemote) {
        /** Shorter secrets can be guessed; 16 random characters cannot. */
        public static final int MIN_KEY_LENGTH = 16;
    }

    /**
     * One API key: its secret given inline ({@code key}) or read from an environment variable
     * ({@code keyEnv}), exactly one of them ({@link CrossChecks}). The secret carries no constraint
     * annotation on purpose: a violation's message shows the value.
     *
     * @param scopes read, write and/or admin; a key has exactly the scopes listed
     */
    public record ApiKeyConfig(String key, String keyEnv,
                               @NotEmpty(message = "list at least one of [read, write, admin]") List<@NotNull ApiScope> scopes) {
        public ApiKeyConfig {
            scopes = scopes == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(scopes));
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
    public record LimitsConfig(@Positive int bodyBytes,
                               @Positive int batchSize,
                               @Positive int titleLength,
                               @Positive int descriptionLength,
                               @Positive int categories,
                               @Positive int tags,
                               @Positive int attributes,
                               @Positive int attributeValues,
                               @Positive int onboardingCategories,
                               @Positive int onboardingItems) {
    }

    /**
     * @param url where the store lives, {@code <scheme>:<location>}: {@code rocksdb:<path>} (relative to the
     *            data directory) or {@code memory:}; the scheme is looked up when the store is opened
     */
    /**
     * @param url          where replicas share online state: empty (in this process) or {@code redis://host:port[/db]};
     *                     the scheme is looked up when the server starts
     * @param recentSlates per user, how many of the newest served slates the shared state keeps
     * @param streamLength how many counter updates the shared state keeps for replicas that fall behind
     * @param timeoutMs    how long a call to the shared state may take before it counts as down
     */
    public record OnlineConfig(@NotNull String url, @Positive int recentSlates, @Positive int streamLength,
                               @Positive int timeoutMs) {
    }

    /** Where events come from besides the API. */
    public record IngestConfig(@NotNull @Valid KafkaIn kafka) {
    }

    /**
     * @param bootstrap       Kafka's bootstrap servers; empty: no consumer
     * @param deadLetterTopic where records that are not valid events go, with the reason
     * @param maxPollRecords  records per poll: per store write and offset commit
     */
    public record KafkaIn(@NotNull String bootstrap, @NotBlank String topic, @NotBlank String group,
                          @NotBlank String deadLetterTopic, @Positive int maxPollRecords) {
    }

    /** Where Sieve publishes what it accepted and served. */
    public record PublishConfig(@NotNull @Valid KafkaOut kafka) {
    }

    /** @param bootstrap Kafka's bootstrap servers; empty: publish nothing */
    public record KafkaOut(@NotNull String bootstrap, @NotBlank String eventsTopic, @NotBlank String impressionsTopic) {
    }

    public record StoreConfig(@NotBlank(message = "must name a store, such as rocksdb:store or memory:") String url) {
    }
}
