package io.sieve.rerank;

import io.sieve.config.SieveConfig;
import io.sieve.feature.ItemStatistics;
import io.sieve.store.RecentImpressions;

/**
 * A re-ranking stage, found by name through {@link java.util.ServiceLoader}. The slate is built by
 * the chain {@code rerank.chain} names, each stage wrapping the one before it (the first gets
 * none): by default {@code slate} chooses and orders the items, {@code exploration} may swap some
 * for items the system knows little about, and {@code pins} puts pinned items in place last.
 */
public interface ReRankerFactory {
    String name();

    /** @param inner the stage before this one in the chain; null for the first */
    ReRanker create(ReRanker inner, Shared shared);

    /**
     * What a stage may read: the configuration, the feature store's item statistics, and where
     * users' recently served slates are kept.
     */
    record Shared(SieveConfig config, ItemStatistics statistics, RecentImpressions recentImpressions) {
    }
}
