package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.List;

/** A way of holding out events for evaluation. Implementations are deterministic for a given seed. */
public interface SplitProtocol {
    String describe();

    /** True when the test events come after the training events in time (so a ranker should learn to predict the next ones). */
    default boolean isTemporal() {
        return false;
    }

    /** Splits {@code events} (in time order); only events with positive weight become relevant items. */
    Split split(List<Event> events, EventTypes types);
}
