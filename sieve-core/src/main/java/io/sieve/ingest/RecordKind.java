package io.sieve.ingest;

/** What the rows of one file become; the report counts and groups rejections by it. */
public enum RecordKind {
    ITEMS("items"),
    USERS("users"),
    EVENTS("events"),
    /** Tags added to items already in the catalog (MovieLens tags.csv). */
    ITEM_TAGS("item tags");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
