package io.sieve.filter;

import io.sieve.pipeline.RequestContext;

/** Drops items the user already has an event on of a type configured as {@code seen}. */
public final class SeenFilter implements CandidateFilter {
    @Override
    public String name() {
        return "seen";
    }

    @Override
    public boolean admits(String itemId, RequestContext context) {
        return !context.seenItems().contains(itemId);
    }
}
