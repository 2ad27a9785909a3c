package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Per-user stratified random split (the protocol of Microsoft Recommenders' MovieLens benchmark):
 * each user's events are shuffled and {@code ratio} of them, rounded, go to training.
 */
public record StratifiedRandomSplit(double ratio, long seed) implements SplitProtocol {
    @Override
    public String describe() {
        return "per-user stratified random split, " + Math.round(ratio * 100) + "/" + Math.round((1 - ratio) * 100)
                + ", seed " + seed;
    }

    @Override
    public Split split(List<Event> events, EventTypes types) {
        SplitBuilder out = new SplitBuilder(types);
        for (List<Event> own : byUser(events).values()) {
            List<Event> shuffled = new ArrayList<>(own);
            // Seeded per user (by id), so a user's split does not depend on which other users exist.
            Collections.shuffle(shuffled, new Random(seed * 31 + shuffled.get(0).user().hashCode()));
            long trainCount = Math.round(shuffled.size() * ratio);
            for (int i = 0; i < shuffled.size(); i++) {
                if (i < trainCount) {
                    out.train(shuffled.get(i));
                } else {
                    out.test(shuffled.get(i));
                }
            }
        }
        return out.build(false, false);
    }

    /** Events grouped by user, users in id order, each user's events in time order. */
    static Map<String, List<Event>> byUser(List<Event> events) {
        Map<String, List<Event>> byUser = new TreeMap<>();
        for (Event e : events) {
            byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        byUser.values().forEach(l -> l.sort(SplitBuilder.ORDER));
        return byUser;
    }
}
