package io.sieve.ingest;

import io.sieve.model.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MovieLens 100K: {@code u.item} (id|title|release date|video date|IMDb URL|one 0/1 flag per
 * genre), {@code u.user} (id|age|gender|occupation|zip), {@code u.data} (user, item, rating,
 * epoch seconds; tab-separated). The genre flags are named by {@code u.genre} beside u.item.
 */
final class MovieLens100k implements FormatReader {
    private static final DateTimeFormatter RELEASE_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("d-MMM-yyyy").toFormatter(Locale.ENGLISH);
    /** A genre flag meaning "none", the 100K counterpart of the later "(no genres listed)". */
    private static final String NO_GENRE = "unknown";
    private static final int ITEM_FIELDS_BEFORE_GENRES = 5;

    @Override
    public ImportPlan plan(ImportSources sources, RecordTargets targets) {
        return new ImportPlan()
                .then(sources.items(), (in, sink) -> readItems(in, sink, genreNames(sources.items())), targets.items())
                .then(sources.users(), MovieLensLines.reader("|", 5,
                        c -> MovieLensFields.user(c[0], c[1], c[2], c[3], c[4])), targets.users())
                .then(sources.events(), MovieLensLines.reader("\t", 4,
                        c -> MovieLensFields.rating(c[0], c[1], c[2], c[3])), targets.events());
    }

    private static void readItems(InputStream in, RowSink<Item> sink, List<String> genres) throws IOException {
        MovieLensLines.reader("|", ITEM_FIELDS_BEFORE_GENRES + genres.size(), c -> item(c, genres)).read(in, sink);
    }

    private static Item item(String[] c, List<String> genres) throws BadRow {
        List<String> categories = new ArrayList<>();
        for (int g = 0; g < genres.size(); g++) {
            String flag = c[ITEM_FIELDS_BEFORE_GENRES + g].trim();
            if (!flag.equals("0") && !flag.equals("1")) {
                throw new BadRow(genres.get(g), "must be 0 or 1", Cells.quoted(flag));
            }
            if (flag.equals("1") && !genres.get(g).equals(NO_GENRE)) {
                categories.add(genres.get(g));
            }
        }
        String title = c[1].trim();
        Instant released = c[2].isBlank() ? MovieLensFields.yearOf(title) : releaseDate(c[2]);
        return new Item(c[0].trim(), title, null, categories, List.of(), Map.of(), released, true);
    }

    private static Instant releaseDate(String text) throws BadRow {
        try {
            return LocalDate.parse(text.trim(), RELEASE_DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadRow("release date", "is not a date like 01-Jan-1995", Cells.quoted(text));
        }
    }

    /** u.genre lines are "name|index", in index order; the index is the position of the genre's flag column. */
    private static List<String> genreNames(Path itemsFile) throws IOException {
        Path file = itemsFile.resolveSibling("u.genre");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, MovieLensLines.CHARSET);
        } catch (NoSuchFileException e) {
            throw new ImportException("u.genre, which names the genre columns, is not beside it (" + file + ")");
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                String[] parts = line.split("\\|");
                if (parts.length != 2 || !parts[1].trim().equals(String.valueOf(names.size()))) {
                    throw new ImportException(file + ": expected 'genre|" + names.size() + "', found '" + line + "'");
                }
                names.add(parts[0].trim());
            }
        }
        return names;
    }
}
