package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Global temporal split: the oldest {@code trainFraction} of all events train the model; later
 * events of users who already have history are the test. No information from the future leaks.
 */
public record TemporalSplit(double trainFraction) implements SplitProtocol {
    @Override
    public String describe() {
        return "global temporal split, first " + Math.round(trainFraction * 100) + "% of events for training";
    }

    @Override
    public Split split(List<Event> events, EventTypes types) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(SplitBuilder.ORDER);
        int cut = (int) Math.round(sorted.size() * trainFraction);
        SplitBuilder out = new SplitBuilder(types);
        for (int i = 0; i < sorted.size(); i++) {
            if (i < cut) {
                out.train(sorted.get(i));
            } else {
                out.test(sorted.get(i));
            }
        }
        return out.build(false, true);
    }
}
