package io.sieve.ingest;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The outcome of an import, as data, so that the CLI can print it and an HTTP endpoint can return it.
 *
 * @param rejectedByReason most frequent first; a row with several faults counts under each of them
 * @param firstRejected    the first {@link #REJECTED_ROWS_KEPT} rejected rows, in reading order
 * @param warnings         things that are not errors but may not be what was meant, e.g. a missing
 *                         ratings file or events about items not in the catalog
 */
public record ImportReport(
        String format,
        List<FileCounts> files,
        List<ReasonCount> rejectedByReason,
        List<RowError> firstRejected,
        List<String> warnings,
        long elapsedMillis) {

    public static final int REJECTED_ROWS_KEPT = 20;

    public ImportReport {
        files = List.copyOf(files);
        rejectedByReason = List.copyOf(rejectedByReason);
        firstRejected = List.copyOf(firstRejected);
        warnings = List.copyOf(warnings);
    }

    public long read() {
        return sum(FileCounts::read);
    }

    public long accepted() {
        return sum(FileCounts::accepted);
    }

    public long rejected() {
        return sum(FileCounts::rejected);
    }

    /** Rows of this kind stored, over all files. */
    public long accepted(RecordKind kind) {
        return files.stream().filter(f -> f.kind() == kind).mapToLong(FileCounts::accepted).sum();
    }

    private long sum(ToLongFunction<FileCounts> count) {
        return files.stream().mapToLong(count).sum();
    }
}
