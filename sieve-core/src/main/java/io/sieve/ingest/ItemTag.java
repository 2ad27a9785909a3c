package io.sieve.ingest;

/** One tag for an item that is imported separately from the item itself. */
record ItemTag(String item, String tag) {
}
