package io.sieve.rerank;

import io.sieve.pipeline.RequestContext;
import io.sieve.retrieve.Candidate;
import java.util.List;

/** Keeps the ranker's order and cuts it to n: the re-ranking stage with no policy configured. */
public final class TruncatingReRanker implements ReRanker {
    @Override
    public List<Candidate> rerank(RequestContext context, List<Candidate> ranked, int n) {
        return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
    }
}
