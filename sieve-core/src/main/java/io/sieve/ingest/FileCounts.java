package io.sieve.ingest;

/** What became of the rows of one file. Every row read is either accepted or rejected. */
public record FileCounts(String file, RecordKind kind, long accepted, long rejected) {

    public long read() {
        return accepted + rejected;
    }
}
