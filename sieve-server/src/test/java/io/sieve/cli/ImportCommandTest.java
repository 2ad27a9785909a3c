package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path tmp;

    private final CliRun cli = new CliRun();

    @Test
    void importsMovieLens100kAndPrintsTheReport() {
        Path dataDir = tmp.resolve("data");
        int exit = cli.sieve("import", "--data-dir", dataDir.toString(), "--format", "movielens-100k",
                "--path", CliRun.SHARED_DATA.resolve("ml-100k").toString());

        assertEquals(0, exit, cli.err::toString);
        String report = cli.out.toString();
        assertTrue(report.startsWith("Imported movielens-100k in "), report);
        assertTrue(report.contains("102,625 rows read, 102,625 accepted, 0 rejected"), report);
        assertTrue(report.lines().anyMatch(l -> l.matches(" +u\\.data +events +100,000 +100,000 +0")), report);
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            long[] events = {0};
            store.forEachEvent(e -> events[0]++);
            assertEquals(100_000, events[0]);
            assertEquals(1_682, store.itemCount());
            assertEquals("Toy Story (1995)", store.item("1").orElseThrow().title());
        }
    }

    @Test
    void rejectedRowsStillExitZeroAndAreListedWithTheirLines() throws IOException {
        Path events = Files.writeString(tmp.resolve("events.jsonl"), """
                {"user":"u","item":"i","type":"view","timestamp":"2024-05-01T10:00:00Z"}
                {"user":"u","item":"i","type":"view","timestamp":"2024-05-01T10:00:00Z",
                """);
        int exit = cli.sieve("import", "--data-dir", tmp.resolve("data").toString(), "--events", events.toString());

        assertEquals(0, exit, cli.err::toString);
        assertTrue(cli.out.toString().contains(events + ":2: row: is not valid JSON"), cli.out.toString());
        assertTrue(cli.out.toString().contains("1 events refer to 1 items that are not in the catalog"), cli.out.toString());
    }

    @Test
    void aMissingFileOrUnknownFormatExitsTwoWithAMessage() {
        Path missing = tmp.resolve("missing.jsonl");
        assertEquals(2, cli.sieve("import", "--data-dir", tmp.resolve("data").toString(), "--events", missing.toString()));
        assertTrue(cli.err.toString().contains("sieve import: " + missing + ": no such file"), cli.err.toString());

        assertEquals(2, cli.sieve("import", "--data-dir", tmp.resolve("data").toString(), "--format", "parquet",
                "--path", CliRun.SHARED_DATA.resolve("ml-100k").toString()));
        assertTrue(cli.err.toString().contains("unknown format 'parquet'; known: movielens-100k"), cli.err.toString());
    }
}
