package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;

/** Drops items marked unavailable, and items deleted from the catalog since the model was trained. */
public final class AvailabilityFilter implements CandidateFilter {
    @Override
    public String name() {
        return "unavailable";
    }

    @Override
    public boolean admits(String itemId, Item item, RequestContext context) {
        return item != null && item.isAvailable();
    }
}
