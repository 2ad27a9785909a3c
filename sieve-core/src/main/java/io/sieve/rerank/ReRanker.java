package io.sieve.rerank;

import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import java.util.List;

/** Shapes the final slate of {@code n} items from the ranked candidates. */
public interface ReRanker {
    List<Candidate> rerank(RequestContext context, List<Candidate> ranked, int n);
}
