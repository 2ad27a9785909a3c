package io.sieve.server;

import io.micrometer.core.instrument.Counter;
import io.sieve.model.Impression;
import io.sieve.online.ServingListener;
import io.sieve.store.ImpressionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs served slates off the request path: the listener (the online state) counts the impressions at once
 * (they feed the CTR features and the fatigue of the very next request, on every replica), and a writer thread appends them to the
 * store's impression log in batches. When the queue is full the impression is dropped and counted
 * rather than making a user wait for the training log.
 */
final class ServedImpressionWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServedImpressionWriter.class);
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;

    private final ImpressionLog log;
    private final ServingListener listener;
    private final Counter dropped;
    private final BlockingQueue<Impression> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closing;

    ServedImpressionWriter(ImpressionLog log, ServingListener listener, Counter dropped) {
        this.log = log;
        this.listener = listener;
        this.dropped = dropped;
        this.writer = Thread.ofPlatform().name("sieve-impressions").daemon().start(this::drain);
    }

    void log(Impression impression) {
        if (impression.items().isEmpty()) {
            return;
        }
        listener.served(impression);
        if (!queue.offer(impression)) {
            dropped.increment();
        }
    }

    private void drain() {
        List<Impression> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Impression first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                log.logImpressions(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not log {} impressions", batch.size(), e);
                dropped.increment(batch.size());
            }
            batch.clear();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
