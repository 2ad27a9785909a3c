package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;

/**
 * Decides whether an item may be shown in this request. Must be cheap: it runs per candidate, and
 * per node a filtered vector search visits.
 */
public interface CandidateFilter {
    String name();

    /**
     * @param item the catalog's entry for {@code itemId}, or null when the catalog has none: looked
     *             up once for every filter, since on a large catalog the lookup costs more than any
     *             filter's own test
     */
    boolean admits(String itemId, Item item, RequestContext context);
}
