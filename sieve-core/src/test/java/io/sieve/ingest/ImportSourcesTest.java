package io.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSourcesTest {
    private static final Path DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));

    @TempDir
    Path tmp;

    @Test
    void datasetDirectoriesAreRecognisedByTheirFiles() {
        ImportSources ml100k = ImportSources.resolve(null, DATA.resolve("ml-100k"), null, null, null);
        assertEquals(ImportFormat.MOVIELENS_100K, ml100k.format());
        assertEquals(DATA.resolve("ml-100k/u.data"), ml100k.events());

        ImportSources latest = ImportSources.resolve(null, DATA.resolve("ml-latest-small"), null, null, null);
        assertEquals(ImportFormat.MOVIELENS_LATEST, latest.format());
        assertNull(latest.users());
        assertEquals(List.of(), latest.warnings());

        ImportSources ml1m = ImportSources.resolve(null, DATA.resolve("ml-1m"), null, null, null);
        assertEquals(ImportFormat.MOVIELENS_1M, ml1m.format());
        assertNull(ml1m.events());
        assertEquals(1, ml1m.warnings().size());
    }

    @Test
    void aNamedFileReplacesTheOneInTheDirectory() {
        Path split = DATA.resolve("ml-100k/u1.base");
        ImportSources sources = ImportSources.resolve(null, DATA.resolve("ml-100k"), null, null, split);
        assertEquals(ImportFormat.MOVIELENS_100K, sources.format());
        assertEquals(split, sources.events());
        assertEquals(DATA.resolve("ml-100k/u.item"), sources.items());
    }

    @Test
    void csvFilesAreToldApartByTheirHeader() throws IOException {
        Path ratings = Files.writeString(tmp.resolve("ratings.csv"), "userId,movieId,rating,timestamp\r\n1,2,3,4\r\n");
        Path events = Files.writeString(tmp.resolve("clicks.csv"), "\uFEFFuser,item,type,timestamp\n");
        Path items = Files.writeString(tmp.resolve("catalog.ndjson"), "{}\n");
        assertEquals(ImportFormat.MOVIELENS_LATEST, ImportSources.resolve(null, null, null, null, ratings).format());
        assertEquals(ImportFormat.CSV, ImportSources.resolve(null, null, null, null, events).format());
        assertEquals(ImportFormat.JSONL, ImportSources.resolve(null, null, items, null, null).format());
        ImportException mixed = assertThrows(ImportException.class,
                () -> ImportSources.resolve(null, null, items, null, events));
        assertTrue(mixed.getMessage().contains("pass --format"), mixed.getMessage());
    }

    @Test
    void whatCannotBeImportedIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path missing = tmp.resolve("nope.jsonl");
        assertEquals(missing + ": no such file",
                assertThrows(ImportException.class, () -> ImportSources.resolve(null, null, null, null, missing))
                        .getMessage());
        assertThrows(ImportException.class, () -> ImportSources.resolve(null, tmp.resolve("no-dir"), null, null, null));
        assertThrows(ImportException.class, () -> ImportSources.resolve(null, null, null, null, null));
        assertTrue(assertThrows(ImportException.class, () -> ImportFormat.named("parquet")).getMessage()
                .contains("movielens-100k"));

        Path odd = Files.writeString(tmp.resolve("events.txt"), "x\n");
        assertTrue(assertThrows(ImportException.class, () -> ImportSources.resolve(null, null, null, null, odd))
                .getMessage().contains("--format"));
        Path users = Files.writeString(tmp.resolve("users.csv"), "id\n");
        assertTrue(assertThrows(ImportException.class,
                () -> ImportSources.resolve(ImportFormat.MOVIELENS_LATEST, null, null, users, null))
                .getMessage().contains("has no users file"));
        assertTrue(assertThrows(ImportException.class,
                () -> ImportSources.resolve(ImportFormat.MOVIELENS_100K, tmp, null, null, null))
                .getMessage().contains("none of the movielens-100k files"));
    }
}
