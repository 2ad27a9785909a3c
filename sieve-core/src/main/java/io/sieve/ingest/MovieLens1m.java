package io.sieve.ingest;

import io.sieve.model.Item;
import java.util.List;
import java.util.Map;

/**
 * MovieLens 1M (and 10M, which has the same movies and ratings files): '::'-separated
 * {@code movies.dat} (id::title::genres), {@code users.dat} (id::gender::age::occupation::zip) and
 * {@code ratings.dat} (user::movie::rating::epoch seconds).
 */
final class MovieLens1m implements FormatReader {
    private static final String SEPARATOR = "::";

    @Override
    public ImportPlan plan(ImportSources sources, RecordTargets targets) {
        return new ImportPlan()
                .then(sources.items(), MovieLensLines.reader(SEPARATOR, 3, MovieLens1m::movie), targets.items())
                // Age and occupation are codes in this release (age 25 means 25-34); they are kept as given.
                .then(sources.users(), MovieLensLines.reader(SEPARATOR, 5,
                        c -> MovieLensFields.user(c[0], c[2], c[1], c[3], c[4])), targets.users())
                .then(sources.events(), MovieLensLines.reader(SEPARATOR, 4,
                        c -> MovieLensFields.rating(c[0], c[1], c[2], c[3])), targets.events());
    }

    private static Item movie(String[] c) {
        String title = c[1].trim();
        return new Item(c[0].trim(), title, null, MovieLensFields.genres(c[2]), List.of(), Map.of(),
                MovieLensFields.yearOf(title), true);
    }
}
