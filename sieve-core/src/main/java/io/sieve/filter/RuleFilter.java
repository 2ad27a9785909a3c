package io.sieve.filter;

import io.sieve.funnel.RequestContext;

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
    public boolean admits(String itemId, RequestContext context) {
        return context.item(itemId).map(item -> context.rules().refusing(item) == null).orElse(false);
    }
}
