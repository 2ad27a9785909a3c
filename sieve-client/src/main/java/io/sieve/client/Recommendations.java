package io.sieve.client;

import java.util.List;
import java.util.Map;

/**
 * A list from {@code recommend}, {@code similar} or {@code search}, best first.
 *
 * @param requestId   send it back on the events the list causes ({@link Event#withRequestId}), so the
 *                    next training learns from what was shown
 * @param debug       how the funnel produced the list; only with {@code debug(true)}
 * @param experiments the variant of each experiment the list was served under; null outside every experiment
 */
public record Recommendations(String requestId, List<RecommendedItem> items, Debug debug,
                              Map<String, String> experiments) {

    /** The items' ids, in order. */
    public List<String> ids() {
        return items.stream().map(RecommendedItem::id).toList();
    }
}
