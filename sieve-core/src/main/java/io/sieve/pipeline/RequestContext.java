package io.sieve.pipeline;

import io.sieve.bundle.ModelBundle;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.rules.ActiveRules;
import io.sieve.rules.Rule;
import io.sieve.store.Store;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every stage of one request may read: the request, the model bundle pinned for the whole
 * request, the user's profile and history, and which items the filters would let through
 * (retrievers consult it while filling their quota, so quotas are not spent on items that would be
 * dropped later).
 */
public final class RequestContext {
    private final RecommendationRequest request;
    private final ModelBundle bundle;
    private final Store store;
    private final EventTypes types;
    private final User user;
    private final List<Event> history;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> negative = new HashSet<>();
    private final Instant now;
    private Predicate<String> eligible = id -> true;
    private Predicate<String> eligibleIgnoringSeen = id -> true;
    private volatile String rankedBy = "blend";
    private volatile io.sieve.rank.ColdStartStage coldStart;
    private final ActiveRules rules;

    /**
     * @param now   the moment the request is answered for: its {@code asOf}, or the serving clock
     * @param rules the configured rules; those that apply to this request are kept, with the request's own
     */
    public RequestContext(RecommendationRequest request, Instant now, ModelBundle bundle, Store store, EventTypes types,
                          User user, List<Event> history, List<Rule> rules) {
        this.request = request;
        this.now = now;
        this.bundle = bundle;
        this.store = store;
        this.types = types;
        this.user = user;
        this.history = List.copyOf(history);
        List<Rule> all = new java.util.ArrayList<>(rules);
        all.addAll(request.rules());
        this.rules = new ActiveRules(all, user, request.surface(), now);
        for (Event e : history) {
            var type = types.get(e.type());
            if (type.seen()) {
                seen.add(e.item());
            }
            if (type.negative()) {
                negative.add(e.item());
            }
        }
    }

    public RecommendationRequest request() {
        return request;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public EventTypes types() {
        return types;
    }

    public Optional<User> user() {
        return Optional.ofNullable(user);
    }

    /** The user's latest events, newest first. */
    public List<Event> history() {
        return history;
    }

    /** Fixed for the whole request, so that every stage sees the same moment. */
    public Instant now() {
        return now;
    }

    public Set<String> seenItems() {
        return seen;
    }

    public Set<String> negativeItems() {
        return negative;
    }

    public Optional<Item> item(String id) {
        return store.item(id);
    }

    /** The business rules that apply to this request. */
    public ActiveRules rules() {
        return rules;
    }

    /** The slates this user was shown most recently, newest first (see {@link Store#recentImpressions}). */
    public List<io.sieve.model.Impression> recentImpressions(int limit) {
        return store.recentImpressions(request.userId(), limit);
    }

    /** The catalog's newest items, newest first (see {@link Store#newestItems}). */
    public List<String> newestItems(int limit) {
        return store.newestItems(limit);
    }

    public boolean isEligible(String itemId) {
        return eligible.test(itemId);
    }

    /** Which ranker ordered the candidates, and why when it is not the configured one. */
    public String rankedBy() {
        return rankedBy;
    }

    public void setRankedBy(String rankedBy) {
        this.rankedBy = rankedBy;
    }

    /** Where the user stands on the cold-start chain, once the blend has decided it; null before. */
    public io.sieve.rank.ColdStartStage coldStart() {
        return coldStart;
    }

    public void setColdStart(io.sieve.rank.ColdStartStage stage) {
        this.coldStart = stage;
    }

    /** What the filters would let through if the user had not seen anything: for search, where finding a known item is fine. */
    public boolean isEligibleIgnoringSeen(String itemId) {
        return eligibleIgnoringSeen.test(itemId);
    }

    void setEligibility(Predicate<String> eligible, Predicate<String> eligibleIgnoringSeen) {
        this.eligible = eligible;
        this.eligibleIgnoringSeen = eligibleIgnoringSeen;
    }
}
