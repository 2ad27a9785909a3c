package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;

/** Drops items the user skipped, hid or disliked: a "no" is never answered with the same item. */
public final class NegativeFeedbackFilter implements CandidateFilter {
    @Override
    public String name() {
        return "negative";
    }

    @Override
    public boolean admits(String itemId, Item item, RequestContext context) {
        return !context.negativeItems().contains(itemId);
    }
}
