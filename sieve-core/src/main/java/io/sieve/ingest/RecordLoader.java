package io.sieve.ingest;

import io.sieve.model.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place every row of every format passes through: it validates the record, counts it as
 * accepted or rejected (so the counts always add up), and writes accepted records in batches.
 *
 * <p>A record whose id an earlier row of the file already stored is rejected, naming both lines:
 * the first complete row is kept, because silently replacing it with a later one hides a mistake
 * in the file (an experienced user expects to be told). Re-importing the file keeps the same one.
 */
final class RecordLoader<T> implements RowSink<T> {
    static final int BATCH_SIZE = 5_000;

    private final String file;
    private final RecordTarget<T> target;
    private final ImportTally tally;
    private final List<T> batch = new ArrayList<>(BATCH_SIZE);
    /** Ids stored from this file and the line each came from (about 100 bytes per record). */
    private final Map<String, Long> lineOfId = new HashMap<>();
    private long accepted;
    private long rejected;

    RecordLoader(String file, RecordTarget<T> target, ImportTally tally) {
        this.file = file;
        this.target = target;
        this.tally = tally;
    }

    @Override
    public void accept(long line, T record) {
        List<FieldError> errors;
        try {
            errors = target.validator().apply(record);
        } catch (RuntimeException unforeseen) {
            reject(line, BadRow.unreadable(unforeseen));
            return;
        }
        if (!errors.isEmpty()) {
            reject(line, errors, null);
            return;
        }
        if (target.id() != null) {
            String id = target.id().apply(record);
            Long first = lineOfId.putIfAbsent(id, line);
            if (first != null) {
                reject(line, List.of(new FieldError("id", "repeats the id of an earlier row, which was kept")),
                        "'" + id + "' is on line " + first);
                return;
            }
        }
        accepted++;
        batch.add(record);
        if (batch.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public void reject(long line, FieldError error, String detail) {
        reject(line, List.of(error), detail);
    }

    private void reject(long line, List<FieldError> errors, String detail) {
        rejected++;
        tally.rejected(target.kind(), new RowError(file, line, errors, detail));
    }

    /** Writes what is left and records this file's counts. */
    void finish() {
        flush();
        tally.fileDone(new FileCounts(file, target.kind(), accepted, rejected));
    }

    private void flush() {
        if (!batch.isEmpty()) {
            target.writer().accept(List.copyOf(batch));
            batch.clear();
        }
    }
}
