package io.sieve.ingest;

import io.sieve.model.Event;
import io.sieve.model.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * MovieLens latest, 20M and 25M: CSV files with headers. {@code movies.csv} (movieId, title,
 * genres), {@code ratings.csv} (userId, movieId, rating, timestamp) and, when present beside
 * movies.csv, {@code tags.csv} (userId, movieId, tag, timestamp), whose tags are added to the
 * movies rather than stored as events. There is no users file; links.csv is not needed.
 */
final class MovieLensLatest implements FormatReader {
    @Override
    public ImportPlan plan(ImportSources sources, RecordTargets targets) {
        return new ImportPlan()
                .then(sources.items(), MovieLensLatest::readMovies, targets.items())
                .then(tagsBeside(sources.items()), MovieLensLatest::readTags, targets.itemTags())
                .then(sources.events(), MovieLensLatest::readRatings, targets.events());
    }

    private static Path tagsBeside(Path moviesFile) {
        if (moviesFile == null) {
            return null;
        }
        Path tags = moviesFile.resolveSibling("tags.csv");
        return Files.isRegularFile(tags) ? tags : null;
    }

    private static void readMovies(InputStream in, RowSink<Item> sink) throws IOException {
        CsvRows.read(in, sink, header -> {
            int id = CsvRows.column(header, "movieId");
            int title = CsvRows.column(header, "title");
            int genres = CsvRows.column(header, "genres");
            return c -> new Item(c[id].trim(), c[title].trim(), null, MovieLensFields.genres(c[genres]), List.of(),
                    Map.of(), MovieLensFields.yearOf(c[title]), true);
        });
    }

    private static void readTags(InputStream in, RowSink<ItemTag> sink) throws IOException {
        CsvRows.read(in, sink, header -> {
            int movie = CsvRows.column(header, "movieId");
            int tag = CsvRows.column(header, "tag");
            return c -> new ItemTag(c[movie].trim(), c[tag].trim());
        });
    }

    private static void readRatings(InputStream in, RowSink<Event> sink) throws IOException {
        CsvRows.read(in, sink, header -> {
            int user = CsvRows.column(header, "userId");
            int movie = CsvRows.column(header, "movieId");
            int rating = CsvRows.column(header, "rating");
            int timestamp = CsvRows.column(header, "timestamp");
            return c -> MovieLensFields.rating(c[user], c[movie], c[rating], c[timestamp]);
        });
    }
}
