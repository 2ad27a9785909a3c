package io.sieve.rules;

import io.sieve.model.Item;
import io.sieve.model.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules that apply to one request, sorted by action; computed once per request. */
public final class ActiveRules {
    public static final ActiveRules NONE = new ActiveRules(List.of(), null, "home", Instant.EPOCH);

    private final List<Rule> filters = new ArrayList<>();
    private final List<Rule> boosts = new ArrayList<>();
    private final List<Rule> pins = new ArrayList<>();
    private final User user;

    public ActiveRules(List<Rule> rules, User user, String surface, Instant at) {
        this.user = user;
        for (Rule r : rules) {
            if (!r.appliesTo(surface, at, user)) {
                continue;
            }
            switch (r.action()) {
                case "exclude", "require" -> filters.add(r);
                case "boost" -> boosts.add(r);
                case "pin" -> pins.add(r);
                default -> throw new IllegalStateException("unknown action " + r.action());
            }
        }
    }

    /** The first filter rule that refuses the item, or null when all admit it. */
    public Rule refusing(Item item) {
        for (Rule r : filters) {
            boolean matches = r.matches(item, user);
            if (matches == "exclude".equals(r.action())) {
                return r;
            }
        }
        return null;
    }

    /** The product of the factors of the boost rules the item matches. */
    public double boost(Item item) {
        double f = 1;
        for (Rule r : boosts) {
            if (r.matches(item, user)) {
                f *= r.factor();
            }
        }
        return f;
    }

    public List<Rule> pins() {
        return pins;
    }
}
