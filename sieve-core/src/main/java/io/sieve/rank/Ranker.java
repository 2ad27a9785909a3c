package io.sieve.rank;

import io.sieve.pipeline.RequestContext;
import io.sieve.retrieve.Candidate;
import java.util.List;

/** Gives every candidate a score and a reason and returns them best first. */
public interface Ranker {
    List<Candidate> rank(RequestContext context, List<Candidate> candidates);
}
