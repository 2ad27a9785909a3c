package io.sieve.filter;

import io.sieve.funnel.RequestContext;

/** Decides whether an item may be shown in this request. Must be cheap: it runs per candidate. */
public interface CandidateFilter {
    String name();

    boolean admits(String itemId, RequestContext context);
}
