package io.sieve.ingest;

/** How many rows of one kind were rejected for one reason. */
public record ReasonCount(RecordKind kind, String field, String reason, long rows) {
}
