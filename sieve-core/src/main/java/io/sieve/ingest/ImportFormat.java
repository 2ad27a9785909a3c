package io.sieve.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The input formats, with the file names a dataset directory of each format uses. MovieLens
 * latest, 20M and 25M share one layout; the names exist so users can say which they have.
 */
public enum ImportFormat {
    MOVIELENS_100K("movielens-100k", "u.item", "u.user", "u.data"),
    MOVIELENS_1M("movielens-1m", "movies.dat", "users.dat", "ratings.dat"),
    MOVIELENS_LATEST("movielens-latest", "movies.csv", null, "ratings.csv"),
    MOVIELENS_20M("movielens-20m", "movies.csv", null, "ratings.csv"),
    JSONL("jsonl", "items.jsonl", "users.jsonl", "events.jsonl"),
    CSV("csv", "items.csv", "users.csv", "events.csv");

    private final String cliName;
    private final String itemsFile;
    private final String usersFile;
    private final String eventsFile;

    ImportFormat(String cliName, String itemsFile, String usersFile, String eventsFile) {
        this.cliName = cliName;
        this.itemsFile = itemsFile;
        this.usersFile = usersFile;
        this.eventsFile = eventsFile;
    }

    public String cliName() {
        return cliName;
    }

    public static List<String> cliNames() {
        return Stream.of(values()).map(ImportFormat::cliName).toList();
    }

    public static ImportFormat named(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new ImportException("unknown format '" + name + "'; known: "
                        + String.join(", ", cliNames())));
    }

    /** The file of this kind in a dataset directory of this format, or null when the format has none. */
    String defaultFile(RecordKind kind) {
        return switch (kind) {
            case ITEMS -> itemsFile;
            case USERS -> usersFile;
            case EVENTS -> eventsFile;
            case ITEM_TAGS -> null;
        };
    }

    FormatReader reader() {
        return switch (this) {
            case MOVIELENS_100K -> new MovieLens100k();
            case MOVIELENS_1M -> new MovieLens1m();
            case MOVIELENS_LATEST, MOVIELENS_20M -> new MovieLensLatest();
            case JSONL -> new GenericFormat(JsonLinesReader::new);
            case CSV -> new GenericFormat(CsvRecordReader::new);
        };
    }
}
