package io.sieve.store;

import io.sieve.model.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@link RocksStoreDurabilityTest}: appends events one by one and prints
 * "ACK n" after each append returned, then keeps writing until it is killed.
 */
public final class AcknowledgingWriter {
    public static void main(String[] args) {
        RocksStore store = RocksStore.open(Path.of(args[0]));
        for (int n = 0; ; n++) {
            store.appendEvents(List.of(Event.of("u" + (n % 7), "i" + n, "click", Instant.ofEpochSecond(1_700_000_000L + n))));
            System.out.println("ACK " + n);
            System.out.flush();
        }
    }
}
