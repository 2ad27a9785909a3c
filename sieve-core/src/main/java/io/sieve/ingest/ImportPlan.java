package io.sieve.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of one import in the order they must be read: the catalog before what refers to it. */
final class ImportPlan {
    /** One file, how to read it, and where its records go. */
    record Step<T>(Path file, RowReader<T> reader, RecordTarget<T> target) {
    }

    private final List<Step<?>> steps = new ArrayList<>();

    /** Adds a step; a null file (not part of this import) is skipped, which keeps format code free of ifs. */
    <T> ImportPlan then(Path file, RowReader<T> reader, RecordTarget<T> target) {
        if (file != null) {
            steps.add(new Step<>(file, reader, target));
        }
        return this;
    }

    List<Step<?>> steps() {
        return List.copyOf(steps);
    }
}
