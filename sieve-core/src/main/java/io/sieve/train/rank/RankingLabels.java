package io.sieve.train.rank;

import io.sieve.config.Grade;
import io.sieve.config.SieveConfig.Objective;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.List;

/** What a user did to an item, graded for one objective: 0 is irrelevant, higher is better. */
final class RankingLabels {
    private RankingLabels() {
    }

    /** @param events the user's events on the item inside the label window */
    static int grade(Objective objective, EventTypes types, List<Event> events) {
        int grade = 0;
        for (Event e : events) {
            boolean counts = objective.events().isEmpty() ? types.weightOf(e) > 0 : objective.events().contains(e.type());
            if (!counts || types.weightOf(e) < 0) {
                continue;
            }
            if (objective.grade() == Grade.value) {
                if (e.value() != null && e.value() >= objective.minValue()) {
                    grade = Math.max(grade, (int) Math.round(e.value() - objective.minValue()) + 1);
                }
            } else {
                grade = 1;
            }
        }
        return grade;
    }
}
