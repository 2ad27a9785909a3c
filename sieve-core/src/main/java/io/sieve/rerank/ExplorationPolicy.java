package io.sieve.rerank;

import io.sieve.config.SieveConfig.ExplorationConfig;
import io.sieve.config.SieveConfig.ExplorationPolicyConfig;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Chooses what one exploration slot shows. The options are the item the ranking would put there
 * (first) and the pool of items outside the slate; the policy returns its choice and the
 * probability with which it made it, which is logged for counterfactual evaluation. Found by name
 * ({@code exploration.policy.type}) through {@link java.util.ServiceLoader}, as {@link Factory}s.
 */
public interface ExplorationPolicy {

    /** An option chosen, and the probability that the policy chooses it given these options. */
    record Choice(int index, double propensity) {
    }

    /** What the policy knows of an option: impressions, clicks (at most impressions) and category. */
    record Option(String item, double shown, double clicked, String category) {
    }

    Choice choose(List<Option> options, UniformRandomProvider random);

    /** Makes the policy called {@link #name()} from a surface's policy settings and the shared ones. */
    interface Factory {
        String name();

        ExplorationPolicy create(ExplorationPolicyConfig policy, ExplorationConfig settings);
    }
}
