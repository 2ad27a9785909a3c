package io.sieve.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files one import reads, checked before anything is written.
 *
 * @param items    null when no items are imported; likewise users and events
 * @param warnings files a dataset directory was expected to hold but does not
 */
public record ImportSources(ImportFormat format, Path items, Path users, Path events, List<String> warnings) {

    public ImportSources {
        warnings = List.copyOf(warnings);
    }

    /**
     * @param format null to detect it from the file names (and, for .csv, the header row)
     * @param dir    a dataset directory whose files are found by their usual names, or null
     * @param items  a file that replaces the one found in {@code dir}, or null; likewise users and events
     * @throws ImportException when a named file is missing or there is nothing to import
     */
    public static ImportSources resolve(ImportFormat format, Path dir, Path items, Path users, Path events) {
        List<Path> named = Stream.of(items, users, events).filter(f -> f != null).toList();
        if (dir == null && named.isEmpty()) {
            throw new ImportException("nothing to import: give a dataset directory (--path) or files "
                    + "(--items, --users, --events)");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new ImportException(dir + ": no such directory");
        }
        for (Path file : named) {
            if (!Files.isRegularFile(file)) {
                throw new ImportException(file + ": no such file");
            }
        }
        ImportFormat resolved = format != null ? format : FormatDetector.detect(dir, named);
        List<String> warnings = new ArrayList<>();
        Path itemsFile = pick(resolved, RecordKind.ITEMS, items, dir, warnings);
        Path usersFile = pick(resolved, RecordKind.USERS, users, dir, warnings);
        Path eventsFile = pick(resolved, RecordKind.EVENTS, events, dir, warnings);
        if (itemsFile == null && usersFile == null && eventsFile == null) {
            throw new ImportException(dir + " holds none of the " + resolved.cliName() + " files ("
                    + String.join(", ", Stream.of(RecordKind.ITEMS, RecordKind.USERS, RecordKind.EVENTS)
                            .map(resolved::defaultFile).filter(n -> n != null).toList()) + ")");
        }
        return new ImportSources(resolved, itemsFile, usersFile, eventsFile, warnings);
    }

    private static Path pick(ImportFormat format, RecordKind kind, Path named, Path dir, List<String> warnings) {
        String usual = format.defaultFile(kind);
        if (named != null) {
            if (usual == null) {
                throw new ImportException(format.cliName() + " has no " + kind.label() + " file; import "
                        + kind.label() + " separately with --format jsonl or csv");
            }
            return named;
        }
        if (dir == null || usual == null) {
            return null;
        }
        Path file = dir.resolve(usual);
        if (Files.isRegularFile(file)) {
            return file;
        }
        warnings.add(dir + " has no " + usual + ": no " + kind.label() + " were imported");
        return null;
    }
}
