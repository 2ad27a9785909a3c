package io.sieve.server;

import io.micrometer.core.instrument.Counter;
import io.sieve.background.BatchingWriter;
import io.sieve.model.Impression;
import io.sieve.online.ServingListener;
import io.sieve.store.ImpressionLog;

/**
 * Logs served slates off the request path: the listener (the online state) counts the impressions at once
 * (they feed the CTR features and the fatigue of the very next request, on every replica), and a writer thread appends them to the
 * store's impression log in batches. When the queue is full the impression is dropped and counted
 * rather than making a user wait for the training log.
 */
final class ServedImpressionWriter implements AutoCloseable {
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;

    private final ServingListener listener;
    private final BatchingWriter<Impression> writer;

    ServedImpressionWriter(ImpressionLog log, ServingListener listener, Counter dropped) {
        this.listener = listener;
        this.writer = new BatchingWriter<>("sieve-impressions", CAPACITY, BATCH, log::logImpressions, dropped::increment);
    }

    void log(Impression impression) {
        if (impression.items().isEmpty()) {
            return;
        }
        listener.served(impression);
        writer.offer(impression);
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        writer.close();
    }
}
