package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cold users: a random set of users is held out of training; each is asked for recommendations
 * knowing only their first {@code knownEvents} events (in time), as a new user who has just
 * clicked a few things, and the test is everything they did afterwards.
 */
public record ColdUserSplit(double heldOutUsers, int knownEvents, long seed) implements SplitProtocol {
    @Override
    public String describe() {
        return "cold users: " + Math.round(heldOutUsers * 100) + "% of users held out, known by their first "
                + knownEvents + " events, seed " + seed;
    }

    @Override
    public Split split(List<Event> events, EventTypes types) {
        Map<String, List<Event>> byUser = StratifiedRandomSplit.byUser(events);
        List<String> users = new ArrayList<>(byUser.keySet());
        Collections.shuffle(users, new Random(seed));
        int heldOut = (int) Math.round(users.size() * heldOutUsers);
        SplitBuilder out = new SplitBuilder(types);
        for (int u = 0; u < users.size(); u++) {
            List<Event> own = new ArrayList<>(byUser.get(users.get(u)));
            if (u >= heldOut) {
                own.forEach(out::train);
                continue;
            }
            own.sort(SplitBuilder.ORDER);
            for (int i = 0; i < own.size(); i++) {
                if (i < knownEvents) {
                    out.historyOnly(own.get(i));
                } else {
                    out.test(own.get(i));
                }
            }
        }
        return out.build(true, false);
    }
}
