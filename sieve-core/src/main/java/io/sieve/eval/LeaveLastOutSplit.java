package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.List;

/** Leave-last-out: each user's latest event is the test, everything before it trains. */
public record LeaveLastOutSplit() implements SplitProtocol {
    @Override
    public String describe() {
        return "leave-last-out per user";
    }

    @Override
    public Split split(List<Event> events, EventTypes types) {
        SplitBuilder out = new SplitBuilder(types);
        for (List<Event> own : StratifiedRandomSplit.byUser(events).values()) {
            for (int i = 0; i < own.size(); i++) {
                if (i == own.size() - 1 && own.size() > 1) {
                    out.test(own.get(i));
                } else {
                    out.train(own.get(i));
                }
            }
        }
        return out.build(false, true);
    }
}
