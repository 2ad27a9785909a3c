package io.sieve.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree chores shared by the store, bundles, the demo and the benchmarks. */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code dir} and everything below it; a missing directory is not an error. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes {@code dir} like {@link #deleteRecursively}, for leftovers that are harmless if they stay; null is nothing. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            deleteRecursively(dir);
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
