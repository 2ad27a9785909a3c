package io.sieve.feature;

import io.sieve.ann.VectorMath;
import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.NeighbourTable;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.User;
import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Candidate;
import io.sieve.bundle.cf.Factors;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about a request that does not depend on the candidate, computed once per request:
 * time, context codes, the user's profile from their history up to the request's moment, the
 * items they touched last, and each source's best score (to put source scores on one scale).
 */
public final class RequestFeatures {
    static final long[] USER_WINDOWS_MS = {86_400_000L, 7 * 86_400_000L, 30 * 86_400_000L, Long.MAX_VALUE};
    static final String[] USER_WINDOW_NAMES = {"1d", "7d", "30d", "all"};

    final long nowMs;
    final int hour;
    final int weekday;
    final int surface;
    final int device;
    final User user;
    final double[] positiveEvents = new double[USER_WINDOWS_MS.length];
    double negativeEvents;
    /** The user's events per type, all time (as far as the history read reaches). */
    final Map<String, Integer> eventsByType = new HashMap<>();
    double hoursSinceLast = Double.NaN;
    double distinctItems;
    double meanValue = Double.NaN;
    /** Share of the user's positive weight per category. */
    final Map<String, Double> categoryShare = new HashMap<>();
    final Map<String, Double> bestSourceScore = new HashMap<>();
    /** Highest co-visitation score from any recent item, by bundle item index. */
    final Map<Integer, Float> coVisitedWithRecent = new HashMap<>();
    /** Unit ALS vectors of the recent items. */
    final float[][] recentVectors;
    private final Factors alsItems;
    final ItemStatistics statistics;

    RequestFeatures(RequestContext context, List<Candidate> candidates, ItemStatistics statistics,
                    FeatureContext settings) {
        this.statistics = statistics;
        Instant now = context.now();
        nowMs = now.toEpochMilli();
        ZonedDateTime local = now.atZone(settings.zone());
        hour = local.getHour();
        weekday = local.getDayOfWeek().getValue();
        surface = settings.surfaces().indexOf(context.request().surface());
        device = settings.devices().indexOf(context.request().device());
        user = context.user().orElse(null);
        Set<String> recent = profile(context, settings.recentItems());
        for (Candidate c : candidates) {
            c.hits().forEach((source, hit) -> bestSourceScore.merge(source, hit.score(), Math::max));
        }
        ModelBundle bundle = context.bundle();
        alsItems = bundle.models().als() == null ? null : bundle.models().als().items();
        recentVectors = recentVectors(bundle, recent);
        NeighbourTable table = bundle.coVisitation();
        for (String id : recent) {
            int r = bundle.items().indexOf(id);
            if (r < 0 || r >= table.offsets().length - 1) {
                continue;
            }
            for (int p = table.start(r); p < table.end(r); p++) {
                coVisitedWithRecent.merge(table.neighbour(p), table.score(p), Math::max);
            }
        }
    }

    /** Fills the user's counts and category shares; returns their latest distinct positive items. */
    private Set<String> profile(RequestContext context, int recentItems) {
        EventTypes types = context.types();
        Set<String> items = new java.util.HashSet<>();
        Set<String> recent = new LinkedHashSet<>();
        double valueSum = 0;
        int valueCount = 0;
        long latest = Long.MIN_VALUE;
        for (Event e : context.history()) { // newest first
            long at = e.timestamp().toEpochMilli();
            if (at > nowMs) {
                continue;
            }
            latest = Math.max(latest, at);
            items.add(e.item());
            eventsByType.merge(e.type(), 1, Integer::sum);
            double w = types.weightOf(e);
            if (w > 0) {
                for (int i = 0; i < USER_WINDOWS_MS.length; i++) {
                    if (nowMs - at <= USER_WINDOWS_MS[i]) {
                        positiveEvents[i]++;
                    }
                }
                if (recent.size() < recentItems) {
                    recent.add(e.item());
                }
                context.item(e.item()).ifPresent(item -> {
                    for (String c : item.categories()) {
                        categoryShare.merge(c, w, Double::sum);
                    }
                });
            } else if (w < 0) {
                negativeEvents++;
            }
            if (e.value() != null) {
                valueSum += e.value();
                valueCount++;
            }
        }
        distinctItems = items.size();
        if (latest != Long.MIN_VALUE) {
            hoursSinceLast = (nowMs - latest) / 3_600_000.0;
        }
        if (valueCount > 0) {
            meanValue = valueSum / valueCount;
        }
        double total = categoryShare.values().stream().mapToDouble(Double::doubleValue).sum();
        categoryShare.replaceAll((k, v) -> v / total);
        return recent;
    }

    private static float[][] recentVectors(ModelBundle bundle, Set<String> recent) {
        var als = bundle.models().als();
        if (als == null) {
            return new float[0][];
        }
        Factors factors = als.items();
        return recent.stream()
                .mapToInt(id -> bundle.items().indexOf(id))
                .filter(i -> i >= 0 && i < factors.rows())
                .mapToObj(i -> VectorMath.normalise(factors.row(i)))
                .toArray(float[][]::new);
    }

    /** The item's unit ALS vector, or null when the bundle has no ALS model or no row for it. */
    float[] alsItem(int index) {
        return alsItems == null || index >= alsItems.rows() ? null : VectorMath.normalise(alsItems.row(index));
    }

    /** Settings of the context features. */
    record FeatureContext(ZoneId zone, List<String> surfaces, List<String> devices, int recentItems) {
    }
}
