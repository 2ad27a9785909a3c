package io.sieve.funnel;

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
    private final Eligibility eligibility;
    private final ActiveRules rules;

    /**
     * @param now   the moment the request is answered for: its {@code asOf}, or the serving clock
     * @param rules       the configured rules; those that apply to this request are kept, with the request's own
     * @param eligibility which items the filters let through, asked by retrievers as they fill their quotas
     */
    public RequestContext(RecommendationRequest request, Instant now, ModelBundle bundle, Store store, EventTypes types,
                          User user, List<Event> history, List<Rule> rules, Eligibility eligibility) {
        this.request = request;
        this.eligibility = eligibility;
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

    /** The catalog's newest items, newest first (see {@link Store#newestItems}). */
    public List<String> newestItems(int limit) {
        return store.newestItems(limit);
    }

    public boolean isEligible(String itemId) {
        return eligibility.admits(itemId, this);
    }

    /** What the filters would let through if the user had not seen anything: for search, where finding a known item is fine. */
    public boolean isEligibleIgnoringSeen(String itemId) {
        return eligibility.admitsIgnoringSeen(itemId, this);
    }
}
