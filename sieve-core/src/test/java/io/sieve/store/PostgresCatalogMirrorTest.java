package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Item;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one database: each one's catalog in memory follows the other's writes. */
class PostgresCatalogMirrorTest {
    @TempDir
    Path dataDir;

    private static void within(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void aReplicaSeesAnotherReplicasCatalogChanges() throws Exception {
        StoreUrl url = StoreUrl.parse(PostgresServer.get().url("mirror"));
        try (Store a = StoreProviders.open(url, dataDir); Store b = StoreProviders.open(url, dataDir)) {
            a.putItems(List.of(Item.of("x", "X", List.of()), Item.of("y", "Y", List.of())));
            assertEquals("X", a.item("x").orElseThrow().title(), "its own write, at once");
            within(5_000, () -> b.item("x").isPresent() && b.item("y").isPresent(), "the other replica sees the new items");
            b.putItems(List.of(Item.of("x", "X2", List.of())));
            b.deleteItem("y");
            within(5_000, () -> a.item("x").map(i -> i.title().equals("X2")).orElse(false) && a.item("y").isEmpty(),
                    "and the change and deletion back");
        }
        try (Store reopened = StoreProviders.open(url, dataDir)) {
            assertEquals("X2", reopened.item("x").orElseThrow().title(), "loaded whole at open");
        }
    }
}
