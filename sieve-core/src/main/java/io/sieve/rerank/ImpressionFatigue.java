package io.sieve.rerank;

import io.sieve.config.SieveConfig.Fatigue;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.funnel.RequestContext;
import io.sieve.store.RecentImpressions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each item was shown to this user recently without the user doing anything with it
 * afterwards. An event on the item after an impression (a click, a rating, even a skip, which the
 * filters handle) means the user noticed it, so only impressions after the user's latest event on
 * the item count.
 */
final class ImpressionFatigue {
    /** Enough for a few weeks of a daily visitor; the per-user index makes this one prefix scan. */
    private static final int IMPRESSIONS_READ = 200;

    private ImpressionFatigue() {
    }

    static Map<String, Integer> ignoredImpressions(RequestContext context, Fatigue fatigue, RecentImpressions recent) {
        if (fatigue.decay() >= 1) {
            return Map.of();
        }
        Instant since = context.now().minusMillis((long) (fatigue.days() * 86_400_000L));
        Map<String, Instant> lastEvent = new HashMap<>();
        for (Event e : context.history()) {
            lastEvent.merge(e.item(), e.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Impression impression : recent.recentImpressions(context.request().userId(), IMPRESSIONS_READ)) {
            Instant at = impression.timestamp();
            if (at.isBefore(since) || at.isAfter(context.now())) {
                continue;
            }
            for (Impression.Shown shown : impression.items()) {
                Instant engaged = lastEvent.get(shown.item());
                if (engaged == null || engaged.isBefore(at)) {
                    counts.merge(shown.item(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
