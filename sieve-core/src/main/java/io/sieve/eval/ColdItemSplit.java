package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold items: the oldest {@code trainFraction} of events train; items first seen after that cut
 * have no interactions in training at all (they are in the catalog, as a newly added item is).
 * The test is whether a user who later interacted with such an item gets it recommended, asked
 * at the moment of their first event after the cut.
 */
public record ColdItemSplit(double trainFraction) implements SplitProtocol {
    @Override
    public String describe() {
        return "cold items: first " + Math.round(trainFraction * 100) + "% of events train; "
                + "the test is the items first seen after that";
    }

    @Override
    public Split split(List<Event> events, EventTypes types) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(SplitBuilder.ORDER);
        int cut = (int) Math.round(sorted.size() * trainFraction);
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            firstSeen.putIfAbsent(sorted.get(i).item(), i);
        }
        SplitBuilder out = new SplitBuilder(types);
        for (int i = 0; i < sorted.size(); i++) {
            Event e = sorted.get(i);
            if (i < cut) {
                out.train(e);
            } else if (firstSeen.get(e.item()) >= cut) {
                out.test(e);
            }
        }
        return out.build(false, true);
    }
}
