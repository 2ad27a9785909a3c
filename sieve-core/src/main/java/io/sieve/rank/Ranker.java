package io.sieve.rank;

import io.sieve.funnel.Candidate;
import io.sieve.funnel.Ranked;
import io.sieve.funnel.RequestContext;
import java.util.List;

/** Gives every candidate a score and a reason and returns them best first, saying who ordered them. */
public interface Ranker {
    Ranked rank(RequestContext context, List<Candidate> candidates);
}
