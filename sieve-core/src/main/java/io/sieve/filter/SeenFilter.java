package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;

/** Drops items the user already has an event on of a type configured as {@code seen}. */
public final class SeenFilter implements CandidateFilter {
    static final String NAME = "seen";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(String itemId, Item item, RequestContext context) {
        return !context.seenItems().contains(itemId);
    }
}
