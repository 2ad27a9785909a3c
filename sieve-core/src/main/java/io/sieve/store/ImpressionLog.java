package io.sieve.store;

import io.sieve.model.Impression;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The served slates, a log for training. Impressions are identified by timestamp (to the
 * millisecond) and request id. Unlike events they may be written without waiting for durability:
 * losing the last few on a crash costs a little training data, not an accepted user write.
 */
public interface ImpressionLog extends RecentImpressions {

    /**
     * Appends served slates; logging the same request id again replaces it. A request id is
     * served once, at one moment, so a replacement carries the same timestamp; logging the same
     * request id with another timestamp keeps both.
     */
    void logImpressions(List<Impression> impressions);

    /** Every logged impression in timestamp order, oldest first; ties by request id. */
    void forEachImpression(Consumer<Impression> action);

    /** {@link #forEachImpression}, only the impressions stamped after {@code after}. */
    default void forEachImpressionAfter(Instant after, Consumer<Impression> action) {
        forEachImpression(i -> {
            if (i.timestamp().isAfter(after)) {
                action.accept(i);
            }
        });
    }

    /** Number of logged impressions; a backend may estimate it (RocksDB does, for large stores). */
    long impressionCount();
}
