package io.sieve.eval;

import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import java.util.List;

/** A way of holding out events for evaluation. Implementations are deterministic for a given seed. */
public interface SplitProtocol {
    String describe();

    /** Splits {@code events} (in time order); only events with positive weight become relevant items. */
    Split split(List<Event> events, EventTypes types);
}
