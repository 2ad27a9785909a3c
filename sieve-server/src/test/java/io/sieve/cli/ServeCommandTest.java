package io.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void aStoreHeldByAnotherProcessIsReportedWithoutAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = SieveCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        try (Store running = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            int exit = cli.execute("serve", "--data-dir", dataDir.toString(), "--port", "0");

            assertEquals(2, exit, err::toString);
            assertTrue(err.toString().startsWith("sieve serve: cannot open the store in " + dataDir), err.toString());
        }
    }
}
