package io.sieve.rerank;

import io.sieve.config.SieveConfig.ExplorationPolicyConfig;
import io.sieve.config.SieveConfig.ExplorationConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * Beta-Bernoulli Thompson sampling on click-through rate. Each option's CTR has the posterior
 * Beta(m p + clicks, m (1 - p) + impressions - clicks), where the prior mean p is the pooled CTR of
 * the options in its category (the whole pool's when the category has no impressions yet, 5% when
 * nothing has any) and m the prior strength: a new item starts where its category stands and moves
 * with its own evidence. The slot shows the option with the highest draw. The propensity, the
 * chance of that option winning, has no closed form and is estimated from further draws.
 */
final class ThompsonSampling implements ExplorationPolicy {
    private static final double DEFAULT_CTR = 0.05;

    private final double priorStrength;
    private final int propensitySamples;

    ThompsonSampling(double priorStrength, int propensitySamples) {
        this.priorStrength = priorStrength;
        this.propensitySamples = propensitySamples;
    }

    @Override
    public Choice choose(List<Option> options, UniformRandomProvider random) {
        ContinuousSampler[] posteriors = posteriors(options, random);
        int chosen = draw(posteriors);
        int wins = 0;
        for (int s = 0; s < propensitySamples; s++) {
            if (draw(posteriors) == chosen) {
                wins++;
            }
        }
        return new Choice(chosen, Math.max(wins, 1) / (double) propensitySamples);
    }

    private ContinuousSampler[] posteriors(List<Option> options, UniformRandomProvider random) {
        Map<String, double[]> byCategory = new HashMap<>();
        double[] all = new double[2];
        for (Option o : options) {
            double[] c = byCategory.computeIfAbsent(o.category(), k -> new double[2]);
            c[0] += o.clicked();
            c[1] += o.shown();
            all[0] += o.clicked();
            all[1] += o.shown();
        }
        double overall = all[1] > 0 ? (all[0] + DEFAULT_CTR) / (all[1] + 1) : DEFAULT_CTR;
        ContinuousSampler[] out = new ContinuousSampler[options.size()];
        for (int i = 0; i < out.length; i++) {
            Option o = options.get(i);
            double[] c = byCategory.get(o.category());
            double prior = c[1] > 0 ? (c[0] + overall) / (c[1] + 1) : overall;
            out[i] = ChengBetaSampler.of(random, priorStrength * prior + o.clicked(),
                    priorStrength * (1 - prior) + o.shown() - o.clicked());
        }
        return out;
    }

    private static int draw(ContinuousSampler[] posteriors) {
        int best = 0;
        double bestDraw = -1;
        for (int i = 0; i < posteriors.length; i++) {
            double d = posteriors[i].sample();
            if (d > bestDraw) {
                best = i;
                bestDraw = d;
            }
        }
        return best;
    }

    /** {@code thompson}. */
    public static final class Factory implements ExplorationPolicy.Factory {
        @Override
        public String name() {
            return "thompson";
        }

        @Override
        public ExplorationPolicy create(ExplorationPolicyConfig policy, ExplorationConfig settings) {
            return new ThompsonSampling(settings.priorStrength(), settings.propensitySamples());
        }
    }
}
