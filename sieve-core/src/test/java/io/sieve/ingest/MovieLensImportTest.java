package io.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensImportTest {
    private static final Path DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));

    @TempDir
    Path dataDir;

    static ImportReport importDataset(Store store, String dataset) throws IOException {
        ImportSources sources = ImportSources.resolve(null, DATA.resolve(dataset), null, null, null);
        return new Importer(store, store, ConfigLoader.defaults().types(), ProgressListener.NONE).run(sources);
    }

    static List<Event> allEvents(Store store) {
        List<Event> events = new ArrayList<>();
        store.forEachEvent(events::add);
        return events;
    }

    static long userCount(Store store) {
        long[] n = {0};
        store.forEachUser(u -> n[0]++);
        return n[0];
    }

    @Test
    void movieLens100kIsImportedCompletelyAndMappedAsDocumented() throws IOException {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            ImportReport report = importDataset(store, "ml-100k");

            assertEquals("movielens-100k", report.format());
            assertEquals(0, report.rejected(), () -> report.firstRejected().toString());
            assertEquals(List.of(), report.warnings());
            assertEquals(1_682, report.accepted(RecordKind.ITEMS));
            assertEquals(943, report.accepted(RecordKind.USERS));
            assertEquals(100_000, report.accepted(RecordKind.EVENTS));
            assertEquals(1_682, store.itemCount());
            assertEquals(943, userCount(store));
            assertEquals(100_000, allEvents(store).size());

            Item toyStory = store.item("1").orElseThrow();
            assertEquals("Toy Story (1995)", toyStory.title());
            assertEquals(List.of("Animation", "Children's", "Comedy"), toyStory.categories());
            assertEquals(Instant.parse("1995-01-01T00:00:00Z"), toyStory.createdAt());
            assertTrue(toyStory.isAvailable());
            // Its release date has a one-digit day, which a strict dd pattern would refuse.
            assertEquals(Instant.parse("1971-02-04T00:00:00Z"), store.item("1373").orElseThrow().createdAt());
            // Item 267 is all "unknown": no title year, no release date, and the "unknown" genre means none.
            assertEquals(List.of(), store.item("267").orElseThrow().categories());

            assertEquals(Map.of("age", 24, "gender", "M", "occupation", "technician", "zip", "85711"),
                    store.user("1").orElseThrow().attributes());
            assertTrue(store.history("196", 1000).contains(
                    new Event("196", "242", "rating", 3.0, Instant.ofEpochSecond(881250949), null, null)));
        }
    }

    @Test
    void importingTwiceStoresEachRecordOnce() throws IOException {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            ImportReport first = importDataset(store, "ml-100k");
            ImportReport second = importDataset(store, "ml-100k");

            assertEquals(first.files(), second.files());
            assertEquals(100_000, allEvents(store).size());
            assertEquals(1_682, store.itemCount());
            assertEquals(943, userCount(store));
        }
    }

    @Test
    void anAbsurdTimestampRejectsItsRatingAndTheImportGoesOn() throws IOException {
        Path ratings = Files.writeString(dataDir.resolve("u.data"), String.join("\n",
                "1\t10\t4\t881250949",
                "1\t11\t4\t99999999999999999",
                "1\t12\t4\t10000000000000000",
                "1\t13\t4\t881250950") + "\n");
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir.resolve("data"))) {
            ImportSources sources = ImportSources.resolve(null, null, null, null, ratings);
            ImportReport report = new Importer(store, store, ConfigLoader.defaults().types(), ProgressListener.NONE).run(sources);

            assertEquals(2, report.accepted());
            assertEquals(List.of(2L, 3L), report.firstRejected().stream().map(RowError::line).toList());
            assertEquals("timestamp: is out of range", report.firstRejected().get(0).errors().get(0).toString());
            assertEquals("timestamp", report.firstRejected().get(1).errors().get(0).field());
            assertEquals(List.of("10", "13"), allEvents(store).stream().map(Event::item).toList());
        }
    }

    @Test
    void movieLensLatestSmallPutsTagsOnItemsAndRatingsInTheLog() throws IOException {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            ImportReport report = importDataset(store, "ml-latest-small");

            assertEquals("movielens-latest", report.format());
            assertEquals(0, report.rejected(), () -> report.firstRejected().toString());
            assertEquals(9_742, report.accepted(RecordKind.ITEMS));
            assertEquals(3_683, report.accepted(RecordKind.ITEM_TAGS));
            assertEquals(100_836, report.accepted(RecordKind.EVENTS));
            assertEquals(9_742, store.itemCount());
            List<Event> events = allEvents(store);
            assertEquals(100_836, events.size());
            assertTrue(events.stream().allMatch(e -> e.type().equals("rating")), "tags must not become events");

            Item stepBrothers = store.item("60756").orElseThrow();
            assertEquals(List.of("funny", "Highly quotable", "will ferrell", "comedy"), stepBrothers.tags());
            assertEquals(Instant.parse("2008-01-01T00:00:00Z"), stepBrothers.createdAt());
            Item president = store.item("11").orElseThrow();
            assertEquals("American President, The (1995)", president.title());
            assertEquals(List.of("Comedy", "Drama", "Romance"), president.categories());
            assertEquals(List.of(), store.item("114335").orElseThrow().categories(), "(no genres listed)");
        }
    }

    @Test
    void movieLens1mWithoutRatingsImportsTheCatalogAndSaysWhatIsMissing() throws IOException {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            ImportReport report = importDataset(store, "ml-1m");

            assertEquals(3_883, report.accepted(RecordKind.ITEMS));
            assertEquals(6_040, report.accepted(RecordKind.USERS));
            assertEquals(0, report.accepted(RecordKind.EVENTS));
            assertEquals(1, report.warnings().size());
            assertTrue(report.warnings().get(0).contains("no ratings.dat"), report.warnings().get(0));
            assertEquals(List.of("Animation", "Children's", "Comedy"), store.item("1").orElseThrow().categories());
            assertEquals(Map.of("age", 1, "gender", "F", "occupation", "10", "zip", "48067"),
                    store.user("1").orElseThrow().attributes());
        }
    }
}
