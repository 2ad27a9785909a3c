package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;

/**
 * The business rules' exclude and require actions (configured, and the request's own filters).
 * An item missing from the catalog is refused: a rule cannot be checked on what is not known.
 */
public final class RuleFilter implements CandidateFilter {
    @Override
    public String name() {
        return "rules";
    }

    @Override
    public boolean admits(String itemId, Item item, RequestContext context) {
        return item != null && context.rules().refusing(item) == null;
    }
}
