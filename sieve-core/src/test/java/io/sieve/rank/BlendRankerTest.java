package io.sieve.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sieve.funnel.RecommendationRequest;
import io.sieve.config.ConfigLoader;
import io.sieve.config.Fusion;
import io.sieve.funnel.Candidate;
import io.sieve.funnel.Eligibility;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.SourceHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlendRankerTest {
    private final RequestContext context = new RequestContext(RecommendationRequest.forUser("u", 4).build(), Instant.EPOCH,
            null, null, ConfigLoader.defaults().types(), null, List.of(), List.of(), Eligibility.ALL);

    /** A cosine source proposes mostly negative scores: their order must survive the blend, not tie at zero and fall back to the ids' order. */
    @Test
    void aSourceScoringBelowZeroKeepsItsOrder() {
        List<Candidate> candidates = List.of(
                only("twoTower", "b", 3, -0.6), only("twoTower", "a", 0, 0.9), only("twoTower", "c", 2, -0.3),
                only("twoTower", "d", 1, -0.1));
        var ranked = new BlendRanker(Map.of("twoTower", 1.0), Fusion.score, 60).rank(context, candidates).candidates();
        assertEquals(List.of("a", "d", "c", "b"), ranked.stream().map(Candidate::itemId).toList());
        assertEquals(1.0, ranked.get(0).score(), 1e-9);
        assertEquals(0.0, ranked.get(3).score(), 1e-9);
    }

    /** Scores at or above zero are measured from zero, as a share of the best: one source's 2 against 4 is half. */
    @Test
    void nonNegativeScoresAreSharesOfTheBest() {
        List<Candidate> candidates = List.of(only("popularity", "a", 0, 4), only("popularity", "b", 1, 2));
        var ranked = new BlendRanker(Map.of("popularity", 2.0), Fusion.score, 60).rank(context, candidates).candidates();
        assertEquals(2.0, ranked.get(0).score(), 1e-9);
        assertEquals(1.0, ranked.get(1).score(), 1e-9);
    }

    private static Candidate only(String source, String item, int rank, double score) {
        return Candidate.proposed(item, Map.of(source, new SourceHit(rank, score, "because")));
    }
}
