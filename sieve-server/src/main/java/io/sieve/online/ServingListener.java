package io.sieve.online;

import io.sieve.model.Event;
import io.sieve.model.Impression;
import java.util.List;

/**
 * What a server tells of its work as it happens: the online state counts it, a publisher sends it on
 * to Kafka. Called on the request path, so an implementation must not wait on a network.
 */
public interface ServingListener {

    /** Events the store has just made durable (from the API, onboarding or Kafka). */
    void accepted(List<Event> events);

    /** A slate just served, before the impression log has written it. */
    void served(Impression impression);

    /** Tells each of {@code listeners}, in order. */
    static ServingListener all(List<? extends ServingListener> listeners) {
        List<ServingListener> each = List.copyOf(listeners);
        return each.size() == 1 ? each.getFirst() : new ServingListener() {
            @Override
            public void accepted(List<Event> events) {
                each.forEach(l -> l.accepted(events));
            }

            @Override
            public void served(Impression impression) {
                each.forEach(l -> l.served(impression));
            }
        };
    }
}
