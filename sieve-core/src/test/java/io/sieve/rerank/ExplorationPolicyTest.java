package io.sieve.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Logged propensities against each policy's definition and against how often it really chooses. */
class ExplorationPolicyTest {
    private static final List<ExplorationPolicy.Option> OPTIONS = List.of(
            new ExplorationPolicy.Option("ranked", 400, 40, "drama"),
            new ExplorationPolicy.Option("known-good", 300, 60, "drama"),
            new ExplorationPolicy.Option("known-poor", 300, 6, "comedy"),
            new ExplorationPolicy.Option("new-drama", 0, 0, "drama"),
            new ExplorationPolicy.Option("new-comedy", 0, 0, "comedy"));
    private static final int TRIALS = 20_000;

    @Test
    void epsilonGreedyLogsExactlyItsDefinitionAndChoosesThatOften() {
        double epsilon = 0.3;
        EpsilonGreedy policy = new EpsilonGreedy(epsilon);
        int[] chosen = new int[OPTIONS.size()];
        var random = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        for (int t = 0; t < TRIALS; t++) {
            ExplorationPolicy.Choice c = policy.choose(OPTIONS, random);
            double expected = (c.index() == 0 ? 1 - epsilon : 0) + epsilon / OPTIONS.size();
            assertEquals(expected, c.propensity(), 1e-12);
            chosen[c.index()]++;
        }
        for (int i = 0; i < OPTIONS.size(); i++) {
            assertEquals(policy.propensity(i, OPTIONS.size()), chosen[i] / (double) TRIALS, 0.01, "option " + i);
        }
    }

    @Test
    void thompsonSamplingLogsTheChanceThatItsChoiceWins() {
        ThompsonSampling policy = new ThompsonSampling(2.0, 200);
        int[] chosen = new int[OPTIONS.size()];
        double[] loggedSum = new double[OPTIONS.size()];
        for (int t = 0; t < 5_000; t++) {
            ExplorationPolicy.Choice c = policy.choose(OPTIONS, RandomSource.XO_RO_SHI_RO_128_PP.create((long) t));
            chosen[c.index()]++;
            loggedSum[c.index()] += c.propensity();
        }
        for (int i = 0; i < OPTIONS.size(); i++) {
            double frequency = chosen[i] / 5_000.0;
            double logged = chosen[i] == 0 ? 0 : loggedSum[i] / chosen[i];
            assertEquals(frequency, logged, 0.03, "option " + OPTIONS.get(i).item());
        }
        assertTrue(chosen[1] > chosen[2], "a 20% CTR item wins more often than a 2% one");
        assertTrue(chosen[3] > 0 && chosen[4] > 0, "new items get chances from their category's prior");
        assertTrue(chosen[3] > chosen[4], "a new drama starts from drama's higher CTR");
    }
}
