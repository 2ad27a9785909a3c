package io.sieve.rerank;

import io.sieve.config.SieveConfig.ExplorationPolicyConfig;
import io.sieve.config.SieveConfig.ExplorationConfig;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * With probability 1 - epsilon the ranked item, otherwise an option drawn uniformly (the ranked
 * one included). The propensity of option x is therefore (1 - epsilon) [x is the ranked one] +
 * epsilon / (number of options).
 */
final class EpsilonGreedy implements ExplorationPolicy {
    private final double epsilon;

    EpsilonGreedy(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public Choice choose(List<Option> options, UniformRandomProvider random) {
        int index = random.nextDouble() < epsilon ? random.nextInt(options.size()) : 0;
        return new Choice(index, propensity(index, options.size()));
    }

    double propensity(int index, int options) {
        return (index == 0 ? 1 - epsilon : 0) + epsilon / options;
    }

    /** {@code epsilon}. */
    public static final class Factory implements ExplorationPolicy.Factory {
        @Override
        public String name() {
            return "epsilon";
        }

        @Override
        public ExplorationPolicy create(ExplorationPolicyConfig policy, ExplorationConfig settings) {
            return new EpsilonGreedy(policy.epsilon());
        }
    }
}
