package io.sieve.cli;

import io.sieve.ingest.StoreExport;
import io.sieve.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Write the store's items, users and events as JSON Lines (items.jsonl, users.jsonl, events.jsonl) in the "
                    + "format 'sieve import' reads: a backup, or a move to another data directory (docs/IMPORT.md).",
            "Reads a snapshot, so it can run beside a serving server. Exit status 2 when the output files exist "
                    + "and --overwrite is not given."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the three files into.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the files if they exist.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!overwrite) {
            for (String name : StoreExport.FILES) {
                if (Files.exists(out.resolve(name))) {
                    throw new UserError(out.resolve(name) + " exists; choose another --out or pass --overwrite");
                }
            }
        }
        long start = System.nanoTime();
        StoreExport.Counts counts;
        try (Store store = Stores.openSnapshot(common.config(), common.dataDir())) {
            counts = StoreExport.write(store, store, out);
        } catch (IOException e) {
            throw new UserError("cannot write to " + out + ": " + e.getMessage());
        }
        PrintWriter print = spec.commandLine().getOut();
        print.printf(Locale.ROOT, "Exported %,d items, %,d users and %,d events to %s in %.1f s%n",
                counts.items(), counts.users(), counts.events(), out, (System.nanoTime() - start) / 1e9);
        print.flush();
        return 0;
    }
}
