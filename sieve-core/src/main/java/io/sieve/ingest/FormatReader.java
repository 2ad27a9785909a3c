package io.sieve.ingest;

/** How one input format turns its files into an {@link ImportPlan}. */
interface FormatReader {
    ImportPlan plan(ImportSources sources, RecordTargets targets);
}
