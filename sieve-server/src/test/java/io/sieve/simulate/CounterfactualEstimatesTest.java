package io.sieve.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.eval.OffPolicyEstimators;
import io.sieve.store.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The off-policy estimators against the truth, 50 times: simulated users (hidden tastes from an ALS
 * fit to MovieLens latest-small, the click model of the simulator) are shown one item of ten by an
 * epsilon-greedy logging policy that ranks by a poor guess of their taste; a candidate that ranks by
 * a better guess is estimated from that log, and its true click rate is what the click model expects
 * for the items it would have shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterfactualEstimatesTest {
    private static final int RUNS = 50;
    private static final int ROUNDS = 3_000;
    private static final int OPTIONS = 10;
    private static final double EPSILON = 0.3;

    private SimulatedPopulation population;

    @BeforeAll
    void population() throws Exception {
        try (InMemoryStore world = Worlds.movieLensLatestSmall()) {
            var settings = new Simulation.Settings(300, 1, 1, 1, 1, OPTIONS, 0.5, ClickModel.DEFAULT, 1);
            population = GroundTruth.population(ConfigLoader.defaults(), world, settings, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        }
    }

    @Test
    void snipsAndDoublyRobustCoverTheOnPolicyTruth() {
        int snips = 0;
        int dr = 0;
        int ips = 0;
        double errors = 0;
        for (int run = 0; run < RUNS; run++) {
            UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(1_000L + run);
            List<OffPolicyEstimators.LoggedSlate> log = new ArrayList<>();
            double truth = 0;
            for (int round = 0; round < ROUNDS; round++) {
                var user = population.users().get(random.nextInt(population.users().size()));
                String[] options = new String[OPTIONS];
                double[] logging = new double[OPTIONS];
                double[] candidate = new double[OPTIONS];
                for (int o = 0; o < OPTIONS; o++) {
                    options[o] = population.items().id(user.favourites()[random.nextInt(user.favourites().length)]);
                    double z = population.affinity(user, options[o]);
                    logging[o] = z + 1.5 * gaussian(random);
                    candidate[o] = z + 0.5 * gaussian(random);
                }
                int best = argmax(logging);
                int shown = random.nextDouble() < EPSILON ? random.nextInt(OPTIONS) : best;
                // Epsilon-greedy: the best by the logging score with 1 - epsilon, any with epsilon / options.
                double propensity = (shown == best ? 1 - EPSILON : 0) + EPSILON / OPTIONS;
                double p = ClickModel.DEFAULT.clickProbability(population.affinity(user, options[shown]), 1, 0);
                boolean clicked = random.nextDouble() < p;
                String target = options[argmax(candidate)];
                truth += ClickModel.DEFAULT.clickProbability(population.affinity(user, target), 1, 0);
                log.add(new OffPolicyEstimators.LoggedSlate(List.of(options[shown]), new double[] {propensity},
                        new boolean[] {clicked}, List.of(target)));
            }
            double onPolicy = truth / ROUNDS;
            var result = OffPolicyEstimators.estimate(log, 1_000, 200, run);
            snips += covers(result.snips(), onPolicy) ? 1 : 0;
            dr += covers(result.doublyRobust(), onPolicy) ? 1 : 0;
            ips += covers(result.ips(), onPolicy) ? 1 : 0;
            errors += Math.abs(result.snips().value() - onPolicy) / onPolicy;
        }
        System.out.printf(Locale.ROOT, "counterfactual, %d runs of %,d logged rounds (epsilon-greedy, %.1f): 95%% intervals cover the "
                + "on-policy truth: IPS %d, SNIPS %d, DR %d; mean relative error of SNIPS %.1f%%%n", RUNS, ROUNDS, EPSILON, ips, snips, dr,
                100 * errors / RUNS);
        assertTrue(snips >= 0.9 * RUNS, "SNIPS covered the truth in " + snips + " of " + RUNS);
        assertTrue(dr >= 0.9 * RUNS, "DR covered the truth in " + dr + " of " + RUNS);
    }

    private static boolean covers(OffPolicyEstimators.Estimate e, double truth) {
        return e.low() <= truth && truth <= e.high();
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double gaussian(UniformRandomProvider random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
