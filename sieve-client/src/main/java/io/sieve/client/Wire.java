package io.sieve.client;

import java.util.List;

/** Bodies that exist only on the wire: batch envelopes and counts. Not part of the client's API. */
final class Wire {
    private Wire() {
    }

    /** {@code POST /v1/items}: the server also takes a bare array; the envelope says what it holds. */
    record ItemBatch(List<Item> items) {
    }

    record UserBatch(List<User> users) {
    }

    record EventBatch(List<Event> events) {
    }

    /** The answer to a catalog batch: every record was stored. */
    record Stored(int stored) {
    }

    /** The answer to an event or an event batch: every event is durably stored. */
    record Accepted(int accepted) {
    }
}
