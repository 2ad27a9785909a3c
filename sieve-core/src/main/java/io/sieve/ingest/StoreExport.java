package io.sieve.ingest;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.sieve.store.Catalog;
import io.sieve.store.EventLog;
import io.sieve.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a store's items, users and events as the JSON Lines files {@code sieve import} reads, so
 * that data can be backed up and moved to another store. Each file is written beside its final name
 * and renamed when complete: an interrupted export never leaves a truncated file under that name.
 * Impressions are not exported: they are a training log, not data a user sent.
 */
public final class StoreExport {
    public static final String ITEMS = "items.jsonl";
    public static final String USERS = "users.jsonl";
    public static final String EVENTS = "events.jsonl";
    public static final List<String> FILES = List.of(ITEMS, USERS, EVENTS);

    /** What was written. */
    public record Counts(long items, long users, long events) {
    }

    private static final ObjectWriter WRITER = Json.MAPPER.writer();

    private StoreExport() {
    }

    /** Writes (or replaces) the three files in {@code dir}, creating it if needed; usually one store is passed twice. */
    public static Counts write(Catalog catalog, EventLog log, Path dir) throws IOException {
        Files.createDirectories(dir);
        long items = write(dir.resolve(ITEMS), catalog::forEachItem);
        long users = write(dir.resolve(USERS), catalog::forEachUser);
        long events = write(dir.resolve(EVENTS), log::forEachEvent);
        return new Counts(items, users, events);
    }

    private static <T> long write(Path file, Consumer<Consumer<T>> records) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long[] written = {0};
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            records.accept(record -> {
                try {
                    out.write(WRITER.writeValueAsString(record));
                    out.write('\n');
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written[0];
    }
}
