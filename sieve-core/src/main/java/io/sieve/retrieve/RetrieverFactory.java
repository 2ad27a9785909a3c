package io.sieve.retrieve;

import io.sieve.config.SieveConfig.RetrievalConfig;
import io.sieve.feature.ItemStatistics;
import java.util.Map;

/**
 * A kind of retrieval source, found by its type name ({@code retrieval.sources.<name>.type}, the
 * name itself when no type is given) through {@link java.util.ServiceLoader}. A new source is its
 * {@link Retriever} with a factory, one line in {@code META-INF/services/io.sieve.retrieve.RetrieverFactory}
 * and one block in the configuration; two sources of one type, tuned differently, can coexist.
 */
public interface RetrieverFactory {
    String type();

    /** The type's own settings with their defaults, beside the common type, enabled, quota and weight. */
    default Map<String, Object> defaults() {
        return Map.of();
    }

    Retriever create(SourceSettings settings, Shared shared);

    /** What any source may read: the settings all sources share, and the feature store's item statistics. */
    record Shared(RetrievalConfig retrieval, ItemStatistics statistics) {
    }
}
