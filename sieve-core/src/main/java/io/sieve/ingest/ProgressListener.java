package io.sieve.ingest;

/**
 * Told how far an import has got, in bytes of input read. The core stays free of any terminal
 * code; the CLI draws a progress bar from these calls, a server could expose them as a status.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (bytesRead, bytesTotal) -> { };

    void progress(long bytesRead, long bytesTotal);
}
