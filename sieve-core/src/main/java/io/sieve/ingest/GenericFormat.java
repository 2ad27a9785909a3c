package io.sieve.ingest;

import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;

/** JSON Lines or CSV files holding Sieve's own records, one file per kind. */
final class GenericFormat implements FormatReader {
    /** Makes the reader for one record type; JSON Lines and CSV differ only here. */
    interface Readers {
        <T> RowReader<T> forType(Class<T> type);
    }

    private final Readers readers;

    GenericFormat(Readers readers) {
        this.readers = readers;
    }

    @Override
    public ImportPlan plan(ImportSources sources, RecordTargets targets) {
        return new ImportPlan()
                .then(sources.items(), readers.forType(Item.class), targets.items())
                .then(sources.users(), readers.forType(User.class), targets.users())
                .then(sources.events(), readers.forType(Event.class), targets.events());
    }
}
