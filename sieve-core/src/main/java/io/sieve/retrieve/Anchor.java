package io.sieve.retrieve;

import io.sieve.model.Event;

/** An item from the user's history that pulls in its neighbours, with how strongly it pulls. */
record Anchor(int itemIndex, double weight, Event event) {
}
