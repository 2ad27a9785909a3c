package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The store contract against a real PostgreSQL server, a fresh database for every test. */
class PostgresStoreContractTest extends StoreContractTest {
    @Override
    String url() {
        // One database per test: the data directory is the test's own.
        return PostgresServer.get().url("t" + Integer.toUnsignedString(dataDir.toString().hashCode(), 36));
    }

    /** A database is not a directory: what has no snapshot is a database no open has migrated. */
    @Test
    @Override
    void thereIsNoSnapshotWhereNoStoreWasOpened() {
        assertThrows(StoreException.class, () -> StoreProviders.openSnapshot(StoreUrl.parse(PostgresServer.get().url("never_opened")),
                dataDir));
    }
}
