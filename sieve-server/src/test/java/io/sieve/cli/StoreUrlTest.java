package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.model.Item;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command opens the store that store.url names, and a URL that names none is a configuration error. */
class StoreUrlTest {
    @TempDir
    Path dir;

    private Path config(String url) throws IOException {
        return Files.writeString(dir.resolve("sieve.yaml"), "store:\n  url: \"" + url + "\"\n");
    }

    private CliRun refused(String url, String... command) throws IOException {
        CliRun run = new CliRun();
        String[] args = new String[command.length + 4];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[] {"--data-dir", dir.resolve("data").toString(), "--config", config(url).toString()}, 0,
                args, command.length, 4);
        assertEquals(2, run.sieve(args), run.err::toString);
        return run;
    }

    @Test
    void aUrlThatNamesNoStoreIsAConfigurationErrorNamingTheKnownSchemes() throws IOException {
        assertEquals("""
                sieve validate: invalid configuration:
                  store.url: no store is called 'postgres:' (in postgres://db/sieve); known: memory:, postgresql:, rocksdb:
                """, refused("postgres://db/sieve", "validate").err.toString());
        assertTrue(refused("memory:big", "serve").err.toString()
                .contains("store.url: memory: takes nothing after the colon (found 'big')"));
        assertTrue(refused("rocksdb:", "import").err.toString().contains("store.url: rocksdb: needs the store's directory"));
        assertTrue(refused("", "validate").err.toString().contains("store.url: must name a store, such as rocksdb:store or memory:"));
        assertTrue(refused("store", "validate").err.toString().contains("store.url: 'store' is not a store URL"));
    }

    @Test
    void importTrainingAndExportFollowTheUrl() throws IOException {
        Path data = dir.resolve("data");
        Path items = Files.writeString(dir.resolve("items.jsonl"), """
                {"id": "a", "title": "Alpha"}
                {"id": "b", "title": "Beta"}
                """);
        String config = config("rocksdb:elsewhere/db").toString();
        CliRun run = new CliRun();
        assertEquals(0, run.sieve("import", "--data-dir", data.toString(), "--config", config, "--items", items.toString(),
                "--quiet"), run.err::toString);
        assertTrue(Files.isRegularFile(data.resolve("elsewhere/db/CURRENT")), "a relative path is taken from the data directory");
        assertTrue(Files.notExists(data.resolve("store")));

        Path out = dir.resolve("export");
        assertEquals(0, run.sieve("export", "--data-dir", data.toString(), "--config", config, "--out", out.toString()),
                run.err::toString);
        assertEquals(2, Files.readAllLines(out.resolve("items.jsonl")).size());
        assertEquals(2, run.sieve("train", "--data-dir", data.toString(), "--config", config));
        assertTrue(run.err.toString().contains("the store in " + data + " has no events"), run.err::toString);
    }

    /** A memory store lives in the process that opened it: a command run on its own has nothing to read. */
    @Test
    void commandsThatReadASnapshotExplainThatAMemoryStoreIsNotThere() throws IOException {
        for (String command : List.of("train", "export", "eval")) {
            String[] args = command.equals("export") ? new String[] {command, "--out", dir.resolve("out").toString()} : new String[] {command};
            String err = refused("memory:", args).err.toString();
            assertTrue(err.contains("memory: keeps its data inside the process that opened it"), err);
            assertFalse(err.contains("sieve import"), "importing would not help: " + err);
        }
    }

    @Test
    void theDemoImportsOnlyIntoAnEmptyStore() throws IOException {
        Path someonesStore = dir.resolve("production");
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:" + someonesStore), dir)) {
            store.putItems(List.of(Item.of("kept", "Kept", List.of())));
        }
        String err = refused("rocksdb:" + someonesStore, "demo", "--port", "0", "--dataset", "../datasets/ml-latest-small").err.toString();
        assertTrue(err.contains("is not empty, and the demo imports only into a fresh one"), err);
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:" + someonesStore), dir)) {
            assertEquals(List.of("kept"), store.item("kept").map(Item::id).stream().toList());
            assertEquals(1, store.itemCount(), "nothing was imported");
        }
    }
}
