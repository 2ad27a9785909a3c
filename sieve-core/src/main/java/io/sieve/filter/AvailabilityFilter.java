package io.sieve.filter;

import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;

/** Drops items marked unavailable, and items deleted from the catalog since the model was trained. */
public final class AvailabilityFilter implements CandidateFilter {
    @Override
    public String name() {
        return "unavailable";
    }

    @Override
    public boolean admits(String itemId, RequestContext context) {
        return context.item(itemId).map(Item::isAvailable).orElse(false);
    }
}
