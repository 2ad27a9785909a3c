package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Item;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the memory store does: forget everything when closed, and exist once per data directory. */
class MemoryStoreTest {
    private static final StoreUrl MEMORY = StoreUrl.parse("memory:");

    @TempDir
    Path dataDir;

    @Test
    void nothingSurvivesClosing() {
        assertFalse(StoreProviders.provider(MEMORY).durable());
        try (Store store = StoreProviders.open(MEMORY, dataDir)) {
            store.putItems(List.of(Item.of("a", "Alpha", List.of())));
        }
        assertThrows(StoreException.class, () -> StoreProviders.openSnapshot(MEMORY, dataDir));
        try (Store store = StoreProviders.open(MEMORY, dataDir)) {
            assertEquals(0, store.itemCount());
        }
    }

    @Test
    void aDataDirectoryHasOneMemoryStoreAtATime(@TempDir Path other) {
        try (Store store = StoreProviders.open(MEMORY, dataDir); Store second = StoreProviders.open(MEMORY, other)) {
            StoreException e = assertThrows(StoreException.class, () -> StoreProviders.open(MEMORY, dataDir.resolve(".")));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            store.putItems(List.of(Item.of("a", "Alpha", List.of())));
            try (Store snapshot = StoreProviders.openSnapshot(MEMORY, other)) {
                assertEquals(0, snapshot.itemCount());
            }
        }
    }
}
