package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;

/** Drops the item ids the caller passed in {@code exclude}. */
public final class ExclusionFilter implements CandidateFilter {
    @Override
    public String name() {
        return "exclude";
    }

    @Override
    public boolean admits(String itemId, Item item, RequestContext context) {
        return !context.request().exclude().contains(itemId);
    }
}
