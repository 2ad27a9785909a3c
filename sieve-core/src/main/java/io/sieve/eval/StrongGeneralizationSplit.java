package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Strong generalisation (Liang et al. 2018; Steck 2019): a random set of users is held out of
 * training entirely. For each of them, {@code foldInFraction} of their events (at random) is the
 * history known at request time and the rest is the test. As in those papers, held-out items that
 * training never saw are dropped from the test, and users keep at least one fold-in event.
 *
 * @param heldOutUsers a fraction of users when below 1, otherwise a count
 */
public record StrongGeneralizationSplit(double heldOutUsers, double foldInFraction, long seed) implements SplitProtocol {
    @Override
    public String describe() {
        String users = heldOutUsers < 1 ? Math.round(heldOutUsers * 100) + "% of users" : (long) heldOutUsers + " users";
        return "strong generalisation, " + users + " held out, " + Math.round(foldInFraction * 100) + "% fold-in, seed " + seed;
    }

    @Override
    public Split split(List<Event> events, EventTypes types) {
        Map<String, List<Event>> byUser = StratifiedRandomSplit.byUser(events);
        List<String> users = new ArrayList<>(byUser.keySet());
        Random random = new Random(seed);
        Collections.shuffle(users, random);
        int heldOut = (int) Math.min(users.size(), heldOutUsers < 1 ? Math.round(users.size() * heldOutUsers) : heldOutUsers);
        SplitBuilder out = new SplitBuilder(types);
        for (int u = 0; u < users.size(); u++) {
            List<Event> own = byUser.get(users.get(u));
            if (u >= heldOut) {
                own.forEach(out::train);
                continue;
            }
            List<Event> shuffled = new ArrayList<>(own);
            Collections.shuffle(shuffled, random);
            long foldIn = Math.max(1, Math.round(shuffled.size() * foldInFraction));
            for (int i = 0; i < shuffled.size(); i++) {
                if (i < foldIn) {
                    out.historyOnly(shuffled.get(i));
                } else {
                    out.test(shuffled.get(i));
                }
            }
        }
        return out.build(true, false);
    }
}
