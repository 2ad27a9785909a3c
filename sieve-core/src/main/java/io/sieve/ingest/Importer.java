package io.sieve.ingest;

import io.sieve.model.EventTypes;
import io.sieve.store.Catalog;
import io.sieve.store.EventLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads items, users and events from files into a store. Bad rows are rejected and reported with
 * their line numbers while the rest is stored; re-running an import is harmless because items and
 * users are replaced and the store keeps one copy of each (user, item, type, millisecond) event.
 */
public final class Importer {
    private final Catalog catalog;
    private final EventLog log;
    private final EventTypes types;
    private final ProgressListener progress;

    /** @param catalog where items and users go; {@code log}, where events go: usually one store, passed twice */
    public Importer(Catalog catalog, EventLog log, EventTypes types, ProgressListener progress) {
        this.catalog = catalog;
        this.log = log;
        this.types = types;
        this.progress = progress;
    }

    /**
     * @throws ImportException when a file cannot be imported at all (e.g. a header lacks a column);
     *                         rows already stored stay stored
     * @throws IOException     when a file cannot be read
     */
    public ImportReport run(ImportSources sources) throws IOException {
        long start = System.nanoTime();
        ImportTally tally = new ImportTally();
        sources.warnings().forEach(tally::warn);
        RecordTargets targets = new RecordTargets(catalog, log, types);
        List<ImportPlan.Step<?>> steps = sources.format().reader().plan(sources, targets).steps();

        long total = 0;
        for (ImportPlan.Step<?> step : steps) {
            total += Files.size(step.file());
        }
        ByteCounter bytes = new ByteCounter(total);
        for (ImportPlan.Step<?> step : steps) {
            run(step, tally, bytes);
        }
        targets.catalogWarning().ifPresent(tally::warn);
        return tally.report(sources.format(), (System.nanoTime() - start) / 1_000_000);
    }

    private <T> void run(ImportPlan.Step<T> step, ImportTally tally, ByteCounter bytes) throws IOException {
        RecordLoader<T> loader = new RecordLoader<>(step.file().toString(), step.target(), tally);
        try (InputStream in = new CountingInputStream(Files.newInputStream(step.file()), bytes::add)) {
            step.reader().read(in, loader);
        } catch (ImportException e) {
            throw new ImportException(step.file() + ": " + e.getMessage());
        }
        loader.finish();
    }

    private final class ByteCounter {
        private final long total;
        private long read;

        ByteCounter(long total) {
            this.total = total;
        }

        void add(long n) {
            read += n;
            progress.progress(read, total);
        }
    }
}
