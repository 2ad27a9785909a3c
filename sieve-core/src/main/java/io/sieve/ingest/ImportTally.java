package io.sieve.ingest;

import io.sieve.model.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects counts, rejections and warnings while an import runs, then freezes them into a report. */
final class ImportTally {
    private record Reason(RecordKind kind, String field, String reason) {
    }

    private final List<FileCounts> files = new ArrayList<>();
    private final Map<Reason, Long> reasons = new HashMap<>();
    private final List<RowError> firstRejected = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void rejected(RecordKind kind, RowError row) {
        for (FieldError e : row.errors()) {
            reasons.merge(new Reason(kind, e.field(), e.reason()), 1L, Long::sum);
        }
        if (firstRejected.size() < ImportReport.REJECTED_ROWS_KEPT) {
            firstRejected.add(row);
        }
    }

    void fileDone(FileCounts counts) {
        files.add(counts);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    ImportReport report(ImportFormat format, long elapsedMillis) {
        List<ReasonCount> byReason = reasons.entrySet().stream()
                .map(e -> new ReasonCount(e.getKey().kind(), e.getKey().field(), e.getKey().reason(), e.getValue()))
                .sorted(Comparator.comparingLong(ReasonCount::rows).reversed()
                        .thenComparing(ReasonCount::kind).thenComparing(ReasonCount::field))
                .toList();
        return new ImportReport(format.cliName(), files, byReason, firstRejected, warnings, elapsedMillis);
    }
}
