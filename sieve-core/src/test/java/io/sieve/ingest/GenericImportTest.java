package io.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.model.Event;
import io.sieve.model.FieldError;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericImportTest {
    @TempDir
    Path tmp;

    private ImportReport importFiles(Store store, Path items, Path users, Path events) throws IOException {
        ImportSources sources = ImportSources.resolve(null, null, items, users, events);
        return new Importer(store, store, ConfigLoader.defaults().types(), ProgressListener.NONE).run(sources);
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n");
    }

    /** line number → "field: reason" of every rejected row of that file. */
    private static Map<Long, String> rejections(ImportReport report, Path file) {
        return report.firstRejected().stream().filter(r -> r.file().equals(file.toString()))
                .collect(Collectors.toMap(RowError::line,
                        r -> r.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "))));
    }

    private static void assertNothingDropped(ImportReport report) {
        for (FileCounts f : report.files()) {
            assertEquals(f.read(), f.accepted() + f.rejected(), f.file());
        }
        assertTrue(report.rejected() <= ImportReport.REJECTED_ROWS_KEPT, "all rejections are listed here");
        assertEquals(report.rejected(), report.firstRejected().size());
    }

    /** Items in JSON Lines, some good and some bad in each of the ways a row can be bad. */
    private Path itemsWithBadRows() throws IOException {
        return write("items.jsonl",
                "{\"id\":\"a\",\"title\":\"Alpha\",\"categories\":[\"x\"],\"attributes\":{\"size\":3},\"createdAt\":\"2024-01-02T03:04:05Z\"}",
                "{\"id\":\"b\", \"title\":",
                "{\"title\":\"no id\"}",
                "{\"id\":\"c\",\"colour\":\"red\"}",
                "",
                "{\"id\":\"d\",\"available\":false,\"attributes\":{\"nested\":{\"no\":1}}}",
                "{\"id\":\"e\",\"available\":false}");
    }

    /** Events in JSON Lines, some good and some bad in each of the ways a row can be bad. */
    private Path eventsWithBadRows() throws IOException {
        return write("events.jsonl",
                "{\"user\":\"u1\",\"item\":\"a\",\"type\":\"view\",\"timestamp\":\"2024-01-02T03:04:05Z\"}",
                "{\"user\":\"u1\",\"item\":\"a\",\"type\":\"wink\",\"timestamp\":1700000000}",
                "{\"user\":\"u2\",\"item\":\"zzz\",\"type\":\"click\",\"timestamp\":\"yesterday\"}",
                "{\"user\":\"u2\",\"item\":\"zzz\",\"type\":\"click\",\"timestamp\":1700000000.5,\"surface\":\"home\"}",
                "{\"user\":\"u3\",\"item\":\"a\",\"type\":\"rating\",\"value\":\"x\",\"timestamp\":1}",
                "[1, 2]");
    }

    @Test
    void jsonLinesKeepsGoodRowsAndReportsEachBadOneWithItsLine() throws IOException {
        Path items = itemsWithBadRows();
        Path events = eventsWithBadRows();

        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport report = importFiles(store, items, null, events);

            assertEquals("jsonl", report.format());
            assertNothingDropped(report);
            assertEquals(Map.of(
                    2L, "row: is not valid JSON",
                    3L, "id: is required and must not be blank",
                    4L, "colour: is not a field of Item; known fields are [attributes, available, categories, createdAt, "
                            + "description, id, tags, title]",
                    6L, "attributes.nested: must be a string, number, boolean or list of those"),
                    rejections(report, items));
            Map<Long, String> eventErrors = rejections(report, events);
            assertEquals(4, eventErrors.size(), eventErrors::toString);
            assertTrue(eventErrors.get(2L).startsWith("type: 'wink' is not a configured event type"));
            assertEquals("timestamp: must be an ISO-8601 time or epoch seconds", eventErrors.get(3L));
            assertEquals("value: must be a number", eventErrors.get(5L));
            assertEquals("row: is not a JSON object", eventErrors.get(6L));

            assertEquals(List.of("a", "e"), itemIds(store));
            assertEquals(Map.of("size", 3), store.item("a").orElseThrow().attributes());
            assertEquals(List.of(
                    new Event("u2", "zzz", "click", null, Instant.ofEpochSecond(1700000000, 500_000_000), null, "home"),
                    new Event("u1", "a", "view", null, Instant.parse("2024-01-02T03:04:05Z"), null, null)),
                    MovieLensImportTest.allEvents(store));
            assertEquals(List.of("1 events refer to 1 items that are not in the catalog; they were stored, "
                    + "and the items can be imported later"), report.warnings());
        }
    }

    @Test
    void csvFollowsTheSameRulesWithQuotingCrlfListsAndTypedAttributes() throws IOException {
        Path items = Files.writeString(tmp.resolve("items.csv"), String.join("\r\n",
                "id,title,categories,tags,attributes.size,attributes.zip,attributes.new,createdAt,available",
                "a,\"Alpha, the first\",x|y,,3,01234,true,2024-01-02,",
                "b,Beta,,,2.5,,,1700000000,false",
                ",No id,,,,,,,",
                "c,Gamma,,,,,,not-a-date,",
                "d,too,many,columns,,,,,,,",
                "e,\"multi",
                "line title\",,,,,,,",
                "f,\"never closed,,,,,,,",
                "g,lost,,,,,,,") + "\r\n");
        Path events = write("events.csv",
                "user,item,type,value,timestamp,requestId,surface",
                "u1,a,rating,4.5,1700000000,,",
                "u1,a,rating,abc,1700000000,,",
                "u2,b,wink,,1700000000,,",
                "u3,c,click,,,,");

        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport report = importFiles(store, items, null, events);

            assertEquals("csv", report.format());
            assertNothingDropped(report);
            Map<Long, String> itemErrors = rejections(report, items);
            assertEquals("id: is required and must not be blank", itemErrors.get(4L));
            assertEquals("createdAt: must be an ISO-8601 time or epoch seconds", itemErrors.get(5L));
            assertEquals("row: has the wrong number of columns", itemErrors.get(6L));
            assertEquals("row: is malformed CSV; the rest of the file was not read", itemErrors.get(9L));
            assertEquals(4, itemErrors.size(), itemErrors::toString);
            assertEquals(Map.of(
                    3L, "value: must be a number",
                    4L, "type: 'wink' is not a configured event type; known: [cart, click, dislike, hide, like, "
                            + "purchase, rating, skip, view]",
                    5L, "timestamp: is required"), rejections(report, events));

            assertEquals(List.of("a", "b", "e"), itemIds(store));
            Item a = store.item("a").orElseThrow();
            assertEquals("Alpha, the first", a.title());
            assertEquals(List.of("x", "y"), a.categories());
            assertEquals(Map.of("size", 3, "zip", "01234", "new", true), a.attributes());
            assertEquals(Instant.parse("2024-01-02T00:00:00Z"), a.createdAt());
            Item b = store.item("b").orElseThrow();
            assertEquals(Map.of("size", 2.5), b.attributes());
            assertEquals(false, b.isAvailable());
            assertEquals("multi\r\nline title", store.item("e").orElseThrow().title());
            assertEquals(List.of(new Event("u1", "a", "rating", 4.5, Instant.ofEpochSecond(1700000000), null, null)),
                    MovieLensImportTest.allEvents(store));
        }
    }

    @Test
    void rejectionsAreGroupedByReasonAndOnlyTheFirstRowsAreKept() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append("{\"user\":\"u\",\"item\":\"").append(i).append("\",\"type\":\"wink\",\"timestamp\":1}\n");
            lines.append("{\"user\":\"u\",\"item\":\"").append(i).append("\",\"type\":\"view\"}\n");
        }
        lines.append("{\"user\":\"u\",\"item\":\"ok\",\"type\":\"view\",\"timestamp\":1}\n");
        Path events = Files.writeString(tmp.resolve("events.jsonl"), lines);

        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport report = importFiles(store, null, null, events);

            assertEquals(61, report.read());
            assertEquals(1, report.accepted());
            assertEquals(60, report.rejected());
            assertEquals(ImportReport.REJECTED_ROWS_KEPT, report.firstRejected().size());
            assertEquals(List.of(30L, 30L), report.rejectedByReason().stream().map(ReasonCount::rows).toList());
            assertEquals(List.of("timestamp", "type"),
                    report.rejectedByReason().stream().map(ReasonCount::field).sorted().toList());
            String table = ImportReportTable.render(report);
            assertTrue(table.contains(events + ":1: type: 'wink' is not a configured event type"), table);
            assertTrue(table.contains("First 20 rejected rows:"), table);
        }
    }

    @Test
    void absurdTimestampsRejectTheirRowsAndTheImportGoesOn() throws IOException {
        Path events = write("events.jsonl", viewAt("first", "1700000000"), viewAt("millis", "1e16"),
                viewAt("far", "\"+999999999-12-31T00:00:00Z\""), viewAt("beyond", "1e300"), viewAt("last", "1700000001"));

        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport report = importFiles(store, null, null, events);

            assertNothingDropped(report);
            assertEquals(List.of(2L, 3L, 4L), report.firstRejected().stream().map(RowError::line).toList());
            for (RowError row : report.firstRejected()) {
                assertEquals("timestamp", row.errors().get(0).field(), row.toString());
            }
            assertEquals(List.of("first", "last"), MovieLensImportTest.allEvents(store).stream().map(Event::item).toList());
        }
    }

    private static String viewAt(String item, String timestamp) {
        return "{\"user\":\"u\",\"item\":\"" + item + "\",\"type\":\"view\",\"timestamp\":" + timestamp + "}";
    }

    /** G4: rejected rows are rejected again, and the same way, without changing what was stored. */
    @Test
    void reimportingAFileWithRejectedRowsChangesNothingAndReportsTheSame() throws IOException {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport first = importFiles(store, itemsWithBadRows(), null, eventsWithBadRows());
            List<Object> storedFirst = contents(store);
            ImportReport second = importFiles(store, itemsWithBadRows(), null, eventsWithBadRows());

            assertEquals(8, first.rejected(), first.firstRejected()::toString);
            assertEquals(4, first.accepted(), first.files()::toString);
            assertEquals(storedFirst, contents(store));
            assertEquals(first.files(), second.files());
            assertEquals(first.rejectedByReason(), second.rejectedByReason());
            assertEquals(first.firstRejected(), second.firstRejected());
            assertEquals(first.warnings(), second.warnings());
        }
    }

    /** An id repeated within one file: the later row is rejected naming both lines, and the first is kept. */
    @Test
    void aRepeatedIdIsReportedWithBothLinesAndTheFirstRowIsKept() throws IOException {
        Path items = write("items.jsonl",
                "{\"id\":\"a\",\"title\":\"Complete\",\"categories\":[\"x\"]}",
                "{\"id\":\"b\"}",
                "{\"id\":\"a\"}");
        Path users = write("users.jsonl", "{\"id\":\"u1\",\"attributes\":{\"age\":31}}", "{\"id\":\"u2\"}", "",
                "{\"id\":\"u1\"}");
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport report = importFiles(store, items, users, null);

            assertNothingDropped(report);
            RowError item = report.firstRejected().get(0);
            assertEquals(items + ":3: id: repeats the id of an earlier row, which was kept ('a' is on line 1)", item.toString());
            assertEquals(users + ":4: id: repeats the id of an earlier row, which was kept ('u1' is on line 1)",
                    report.firstRejected().get(1).toString());
            assertEquals("Complete", store.item("a").orElseThrow().title());
            assertEquals(31, store.user("u1").orElseThrow().attributes().get("age"));
        }
    }

    /** Bytes that are not UTF-8 reject their row (never a U+FFFD in a stored id or title), in both formats. */
    @Test
    void invalidUtf8RejectsItsRowWithItsLine() throws IOException {
        java.io.ByteArrayOutputStream jsonl = new java.io.ByteArrayOutputStream();
        jsonl.writeBytes("{\"id\":\"good\",\"title\":\"Caf\u00e9\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jsonl.writeBytes("{\"id\":\"bad-title\",\"title\":\"Caf".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jsonl.writeBytes(new byte[] {(byte) 0xE9, '"', '}', '\r', '\n'});
        jsonl.writeBytes(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, '(', '"', '}', '\n'});
        jsonl.writeBytes("{\"id\":\"after\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path items = Files.write(tmp.resolve("items.jsonl"), jsonl.toByteArray());

        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        csv.writeBytes("id,attributes.note\nu1,\"two\nlines \u00e9\"\nu2,\"two\nlines ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        csv.writeBytes(new byte[] {(byte) 0xFF, '"', '\n'});
        csv.writeBytes("u3,plain\nu4,".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        csv.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
        csv.writeBytes("u5,last\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path users = Files.write(tmp.resolve("users.csv"), csv.toByteArray());

        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), tmp.resolve("data"))) {
            ImportReport report = importFiles(store, items, null, null);
            ImportReport csvReport = importFiles(store, null, users, null);

            assertNothingDropped(report);
            assertNothingDropped(csvReport);
            assertEquals(Map.of(2L, "row: is not valid UTF-8", 3L, "row: is not valid UTF-8"), rejections(report, items));
            assertEquals("bytes E9", report.firstRejected().get(0).detail());
            assertEquals(Map.of(4L, "row: is not valid UTF-8", 7L, "row: is not valid UTF-8"), rejections(csvReport, users));
            assertEquals(List.of("after", "good"), itemIds(store));
            assertEquals("Caf\u00e9", store.item("good").orElseThrow().title());
            List<String> userIds = new ArrayList<>();
            store.forEachUser(u -> userIds.add(u.id()));
            assertEquals(List.of("u1", "u3", "u5"), userIds);
            assertEquals("two\nlines \u00e9", store.user("u1").orElseThrow().attributes().get("note"));
        }
    }

    private static List<Object> contents(Store store) {
        List<Object> all = new ArrayList<>();
        store.forEachItem(all::add);
        store.forEachUser(all::add);
        store.forEachEvent(all::add);
        return all;
    }

    private static List<String> itemIds(Store store) {
        List<String> ids = new ArrayList<>();
        store.forEachItem(i -> ids.add(i.id()));
        return ids;
    }
}
