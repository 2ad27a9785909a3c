package io.sieve.ingest;

import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MovieLens 1M (and 10M, which has the same movies and ratings files): '::'-separated
 * {@code movies.dat} (id::title::genres), {@code users.dat} (id::gender::age::occupation::zip) and
 * {@code ratings.dat} (user::movie::rating::epoch seconds).
 */
final class MovieLens1m implements FormatReader {
    /** GroupLens wrote the release files in Latin-1. */
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    private static final String SEPARATOR = "::";

    @Override
    public ImportPlan plan(ImportSources sources, RecordTargets targets) {
        return new ImportPlan()
                .then(sources.items(), MovieLens1m::readMovies, targets.items())
                .then(sources.users(), MovieLens1m::readUsers, targets.users())
                .then(sources.events(), MovieLens1m::readRatings, targets.events());
    }

    private static void readMovies(InputStream in, RowSink<Item> sink) throws IOException {
        NumberedLines.read(in, LATIN_1, sink, line -> {
            String[] c = Cells.split(line, SEPARATOR, 3);
            String title = c[1].trim();
            return new Item(c[0].trim(), title, null, MovieLensFields.genres(c[2]), List.of(), Map.of(),
                    MovieLensFields.yearOf(title), true);
        });
    }

    /** Age and occupation are codes in this release (age 25 means 25-34); they are kept as given. */
    private static void readUsers(InputStream in, RowSink<User> sink) throws IOException {
        NumberedLines.read(in, LATIN_1, sink, line -> {
            String[] c = Cells.split(line, SEPARATOR, 5);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("age", Cells.integer(c[2], "age"));
            attributes.put("gender", c[1].trim());
            attributes.put("occupation", c[3].trim());
            attributes.put("zip", c[4].trim());
            return new User(c[0].trim(), attributes);
        });
    }

    private static void readRatings(InputStream in, RowSink<Event> sink) throws IOException {
        NumberedLines.read(in, LATIN_1, sink, line -> {
            String[] c = Cells.split(line, SEPARATOR, 4);
            return MovieLensFields.rating(c[0], c[1], c[2], c[3]);
        });
    }
}
