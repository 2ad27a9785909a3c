package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.RocksStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
    private static final Path DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sieve(String... args) {
        CommandLine cli = SieveCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void importsMovieLens100kAndPrintsTheReport() {
        Path dataDir = tmp.resolve("data");
        int exit = sieve("import", "--data-dir", dataDir.toString(), "--format", "movielens-100k",
                "--path", DATA.resolve("ml-100k").toString());

        assertEquals(0, exit, err::toString);
        String report = out.toString();
        assertTrue(report.startsWith("Imported movielens-100k in "), report);
        assertTrue(report.contains("102,625 rows read, 102,625 accepted, 0 rejected"), report);
        assertTrue(report.lines().anyMatch(l -> l.matches(" +u\\.data +events +100,000 +100,000 +0")), report);
        try (RocksStore store = RocksStore.open(dataDir)) {
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
        int exit = sieve("import", "--data-dir", tmp.resolve("data").toString(), "--events", events.toString());

        assertEquals(0, exit, err::toString);
        assertTrue(out.toString().contains(events + ":2: row: is not valid JSON"), out.toString());
        assertTrue(out.toString().contains("1 events refer to 1 items that are not in the catalog"), out.toString());
    }

    @Test
    void aMissingFileOrUnknownFormatExitsTwoWithAMessage() {
        Path missing = tmp.resolve("missing.jsonl");
        assertEquals(2, sieve("import", "--data-dir", tmp.resolve("data").toString(), "--events", missing.toString()));
        assertTrue(err.toString().contains("sieve import: " + missing + ": no such file"), err.toString());

        assertEquals(2, sieve("import", "--data-dir", tmp.resolve("data").toString(), "--format", "parquet",
                "--path", DATA.resolve("ml-100k").toString()));
        assertTrue(err.toString().contains("unknown format 'parquet'; known: movielens-100k"), err.toString());
    }
}
