package io.sieve.store;

/**
 * One backend's catalog, event log and impression log: what a backend implements and a
 * {@link StoreProvider} opens from a {@code store.url}. Code that needs only part of it takes
 * that part ({@link Catalog}, {@link EventLog}, {@link ImpressionLog}).
 *
 * <p>A snapshot ({@link StoreProvider#openSnapshot}) is a {@code Store} too: a view that does not
 * change while it is read, whose writes throw {@link StoreException}.
 */
public interface Store extends Catalog, EventLog, ImpressionLog, AutoCloseable {

    /**
     * Removes the user, every event of theirs and every impression of theirs: from the per-user
     * index that {@link #recentImpressions} reads and from the impression log itself, so a deleted
     * user's slates are no longer trained on either. It spans all three parts, so it belongs to the
     * store as a whole. The embedded store finds a user's impressions through that index, so
     * impressions logged into a store written before the index existed (which it never held) stay
     * in the log.
     *
     * @return whether there was anything of the user's to remove
     */
    boolean deleteUser(String id);

    @Override
    void close();
}
