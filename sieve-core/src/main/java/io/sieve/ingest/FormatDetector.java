package io.sieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Tells the format from file names, and for .csv from the header, which MovieLens fixes. */
final class FormatDetector {
    private static final Pattern MOVIELENS_100K_FILE = Pattern.compile("u\\.(item|user|data)|u[1-5ab]\\.(base|test)");
    private static final Set<String> MOVIELENS_CSV_HEADERS = Set.of(
            "movieId,title,genres", "userId,movieId,rating,timestamp", "userId,movieId,tag,timestamp",
            "movieId,imdbId,tmdbId");

    private FormatDetector() {
    }

    /** The one format that the given files, and the known files found in {@code dir}, agree on. */
    static ImportFormat detect(Path dir, List<Path> files) {
        List<Path> candidates = new ArrayList<>(files);
        if (dir != null) {
            for (ImportFormat format : ImportFormat.values()) {
                for (RecordKind kind : RecordKind.values()) {
                    String name = format.defaultFile(kind);
                    Path file = name == null ? null : dir.resolve(name);
                    if (file != null && Files.isRegularFile(file) && !candidates.contains(file)) {
                        candidates.add(file);
                    }
                }
            }
        }
        Set<ImportFormat> found = EnumSet.noneOf(ImportFormat.class);
        for (Path file : candidates) {
            found.add(ofFile(file).orElseThrow(() -> new ImportException(
                    "cannot tell the format of " + file + " from its name; pass --format (" + known() + ")")));
        }
        if (found.size() == 1) {
            return found.iterator().next();
        }
        if (found.isEmpty()) {
            throw new ImportException(dir + " holds no file of a known format (e.g. u.data, movies.csv, "
                    + "events.jsonl); pass --format (" + known() + ") or name the files");
        }
        throw new ImportException("the files look like different formats ("
                + found.stream().map(ImportFormat::cliName).collect(Collectors.joining(", ")) + "); pass --format");
    }

    static Optional<ImportFormat> ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (MOVIELENS_100K_FILE.matcher(name).matches()) {
            return Optional.of(ImportFormat.MOVIELENS_100K);
        } else if (name.endsWith(".dat")) {
            return Optional.of(ImportFormat.MOVIELENS_1M);
        } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(ImportFormat.JSONL);
        } else if (name.endsWith(".csv")) {
            return Optional.of(MOVIELENS_CSV_HEADERS.contains(header(file))
                    ? ImportFormat.MOVIELENS_LATEST : ImportFormat.CSV);
        }
        return Optional.empty();
    }

    private static String header(Path csv) {
        // Decoded leniently: a bad byte further down must not stop detection; the import rejects its row.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            return first == null ? "" : Cells.withoutByteOrderMark(first).trim();
        } catch (IOException e) {
            throw new ImportException(csv + ": cannot be read: " + e.getMessage());
        }
    }

    private static String known() {
        return String.join(", ", ImportFormat.cliNames());
    }
}
