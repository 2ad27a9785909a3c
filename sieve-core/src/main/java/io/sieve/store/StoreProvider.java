package io.sieve.store;

import java.nio.file.Path;

/**
 * A kind of store, found by its URL scheme through {@link java.util.ServiceLoader} (a line naming
 * the class in {@code META-INF/services/io.sieve.store.StoreProvider}); {@link StoreProviders}
 * does the finding. A relative location is resolved against the data directory, so that a data
 * directory moved elsewhere keeps its store.
 *
 * <p>A snapshot is what {@code sieve train}, {@code eval} and {@code export} read beside a
 * running server that holds the store open for writing: a {@link Store} that does not change
 * while it is read (a model trained from it sees one state, whatever is written meanwhile) and
 * whose writes throw {@link StoreException}. How a backend provides one:
 * <ul>
 *   <li>with a consistent read view of its own, it opens that: RocksDB a secondary instance,
 *       caught up once; a server database would read in one read-only transaction that pins a
 *       version (PostgreSQL: {@code REPEATABLE READ READ ONLY}) for the snapshot's life;</li>
 *   <li>without one, it copies a point-in-time state it can get (the memory store copies itself
 *       under its lock; Redis would read an RDB dump, never the live keys);</li>
 *   <li>with neither, it throws a {@link StoreException} saying so: a view that changes under
 *       a training run is worse than none.</li>
 * </ul>
 */
public interface StoreProvider {

    /** The URL scheme this provider opens, lower case: {@code rocksdb} opens {@code rocksdb:...}. */
    String scheme();

    /** Whether what is written survives the process that wrote it; {@code sieve serve} warns when not. */
    boolean durable();

    /**
     * Checks that the URL's location is one this provider can open, without opening anything (so
     * that {@code sieve validate} can report it).
     *
     * @throws InvalidStoreUrlException naming what is wrong with the location
     */
    void check(StoreUrl url);

    /**
     * Opens the store for reading and writing, creating it if it does not exist.
     *
     * @throws InvalidStoreUrlException when the location is wrong
     * @throws StoreException           when the store cannot be opened (held by another process, say)
     */
    Store open(StoreUrl url, Path dataDir);

    /**
     * Opens a snapshot of the store as it is now, even while another process (or this one) has it
     * open for writing; see the class comment.
     *
     * @throws StoreException when there is no such store, or this backend cannot give a snapshot
     */
    Store openSnapshot(StoreUrl url, Path dataDir);
}
