package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import → export → import into a fresh directory gives the same items, users and events. */
class ExportCommandTest {

    @TempDir
    Path tmp;

    private final CliRun cli = new CliRun();

    /** Everything a store holds that export writes, in the store's own order. */
    private static List<Object> contents(Path dataDir) {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            List<Object> all = new ArrayList<>();
            store.forEachItem(all::add);
            store.forEachUser(all::add);
            store.forEachEvent(all::add);
            return all;
        }
    }

    private void roundTrip(Path original) {
        Path exported = tmp.resolve("exported");
        assertEquals(0, cli.sieve("export", "--data-dir", original.toString(), "--out", exported.toString()), cli.err::toString);
        Path copy = tmp.resolve("copy");
        assertEquals(0, cli.sieve("import", "--data-dir", copy.toString(), "--path", exported.toString()), cli.err::toString);
        assertTrue(cli.out.toString().contains(", 0 rejected"), cli.out.toString());
        List<Object> before = contents(original);
        assertEquals(before, contents(copy));
        assertTrue(before.size() > 3);
    }

    @Test
    void everyKindOfFieldSurvivesTheRoundTrip() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("items.jsonl"), """
                {"id":"a","title":"Café \\"Zürich\\"\\nsecond line","description":"d","categories":["x","y"],"tags":["t"],"attributes":{"price":9.5,"pages":412,"big":12345678901,"zip":"01234","new":true,"sizes":[1,"M",false]},"createdAt":"2024-01-02T03:04:05.678Z"}
                {"id":"b 🎬","available":false}
                """);
        Files.writeString(source.resolve("users.jsonl"), """
                {"id":"u1","attributes":{"age":31,"country":"DE","preferredCategories":["x"]}}
                {"id":"u2"}
                """);
        Files.writeString(source.resolve("events.jsonl"), """
                {"user":"u1","item":"a","type":"rating","value":4.5,"timestamp":1700000000.123}
                {"user":"u1","item":"a","type":"click","timestamp":"2024-05-01T10:00:00Z","requestId":"r-1","surface":"home"}
                {"user":"nobody","item":"gone","type":"view","timestamp":1}
                """);
        Path original = tmp.resolve("original");
        assertEquals(0, cli.sieve("import", "--data-dir", original.toString(), "--path", source.toString()), cli.err::toString);
        roundTrip(original);
        assertTrue(cli.out.toString().contains("Exported 2 items, 2 users and 3 events to "), cli.out.toString());
    }

    /** ml-100k is Latin-1; its titles come back unchanged through UTF-8 JSON Lines. */
    @Test
    void aMovieLensImportSurvivesTheRoundTrip() {
        Path original = tmp.resolve("original");
        assertEquals(0, cli.sieve("import", "--data-dir", original.toString(), "--format", "movielens-100k",
                "--path", CliRun.SHARED_DATA.resolve("ml-100k").toString()), cli.err::toString);
        roundTrip(original);
    }

    @Test
    void existingFilesAreKeptUnlessOverwriteIsGiven() throws IOException {
        Path original = tmp.resolve("original");
        Files.createDirectories(original);
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), original)) {
            store.putItems(List.of(io.sieve.model.Item.of("a", "A", List.of())));
        }
        Path exported = Files.createDirectories(tmp.resolve("exported"));
        Files.writeString(exported.resolve("users.jsonl"), "keep me\n");
        assertEquals(2, cli.sieve("export", "--data-dir", original.toString(), "--out", exported.toString()));
        assertTrue(cli.err.toString().contains("users.jsonl exists"), cli.err.toString());
        assertEquals("keep me\n", Files.readString(exported.resolve("users.jsonl")));
        assertEquals(0, cli.sieve("export", "--data-dir", original.toString(), "--out", exported.toString(), "--overwrite"));
        assertEquals("", Files.readString(exported.resolve("users.jsonl")));
        assertEquals(1, Files.readAllLines(exported.resolve("items.jsonl")).size());
    }
}
