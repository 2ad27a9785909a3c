package io.sieve.cli;

import io.sieve.config.SieveConfig;
import io.sieve.ingest.ImportException;
import io.sieve.ingest.ImportFormat;
import io.sieve.ingest.ImportReport;
import io.sieve.ingest.ImportReportTable;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.ingest.ProgressListener;
import io.sieve.model.EventTypes;
import io.sieve.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Import items, users and events into the store from a MovieLens dataset or from JSON Lines / CSV files "
                    + "(docs/IMPORT.md).",
            "Rows that fail validation are rejected and listed with their line numbers; the others are stored. "
                    + "Importing the same files again changes nothing.",
            "Exit status: 0 when the files were read (even with rejected rows), 2 when a file is missing or "
                    + "its format unknown."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--path", paramLabel = "DIR",
            description = "A dataset directory; its files are found by their usual names (u.item, u.user, u.data; "
                    + "movies.dat, users.dat, ratings.dat; movies.csv, ratings.csv, tags.csv; "
                    + "items|users|events.jsonl or .csv).")
    Path path;

    @Option(names = "--items", paramLabel = "FILE", description = "Items file (replaces the one found in --path).")
    Path items;

    @Option(names = "--users", paramLabel = "FILE", description = "Users file (replaces the one found in --path).")
    Path users;

    @Option(names = "--events", paramLabel = "FILE", description = "Events file (replaces the one found in --path).")
    Path events;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "movielens-100k, movielens-1m, movielens-latest, movielens-20m, jsonl or csv. "
                    + "Default: detected from the file names (and the header of .csv files).")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SieveConfig config = common.config();
        EventTypes types = config.types();
        ImportReport report;
        try {
            ImportSources sources = ImportSources.resolve(format == null ? null : ImportFormat.named(format),
                    path, items, users, events);
            try (Store store = Stores.open(config, common.dataDir()); ProgressBarListener bar = new ProgressBarListener(showBar())) {
                report = new Importer(store, store, types, bar).run(sources);
            }
        } catch (ImportException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read the input: " + e);
        }
        spec.commandLine().getOut().print(ImportReportTable.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A bar drawn into a file or a pipe would only fill it with carriage returns. */
    private boolean showBar() {
        return !quiet && System.console() != null;
    }

    /** Draws the bar on stderr, created at the first report because only then is the total known. */
    private static final class ProgressBarListener implements ProgressListener, AutoCloseable {
        private final boolean enabled;
        private ProgressBar bar;

        ProgressBarListener(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public void progress(long bytesRead, long bytesTotal) {
            if (!enabled) {
                return;
            }
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(bytesTotal)
                        .setUnit(" MiB", 1 << 20).showSpeed()
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.stepTo(bytesRead);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
