package io.sieve.store;

import io.sieve.model.Impression;
import java.util.List;

/**
 * Where a request reads the slates its user was shown lately (impression fatigue): the store's
 * impression log on one server, or the state replicas share, which holds them the moment they are
 * served.
 */
@FunctionalInterface
public interface RecentImpressions {

    /**
     * The user's most recently logged impressions, newest first (by timestamp to the millisecond,
     * then by request id descending), at most {@code limit}; an impression re-logged under the
     * same request id and timestamp appears once, as last logged. Impressions without a user are
     * not indexed.
     *
     * <p>Read on every request, so it must cost a scan of this user's entries in a per-user index,
     * never a scan of the log. The store sees what has been logged, and serving logs slates
     * asynchronously, so the last slate or two may not be in it yet.
     */
    List<Impression> recentImpressions(String userId, int limit);
}
