package io.sieve.background;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes work off the request path: callers queue items, and a thread of its own hands them to
 * {@code write} in batches, which is how a store, Redis or Kafka like to be written. A full queue
 * drops the item rather than make a request wait, and counts it; so does a batch whose write throws.
 * Used for the impression log, the shared online state and the Kafka publisher.
 */
public final class BatchingWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);

    private final String name;
    private final int maxBatch;
    private final Consumer<List<T>> write;
    private final LongConsumer dropped;
    private final BlockingQueue<T> queue;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param name    the thread's name, and what the log calls this writer
     * @param write   writes one batch; what it throws drops the batch (it may count and report its own failures first)
     * @param dropped told how many items were dropped
     */
    public BatchingWriter(String name, int capacity, int maxBatch, Consumer<List<T>> write, LongConsumer dropped) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.write = write;
        this.dropped = dropped;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::drain);
    }

    /** Queues the item, or drops and counts it when the queue is full. */
    public void offer(T item) {
        if (!queue.offer(item)) {
            dropped.accept(1);
        }
    }

    private void drain() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (!closing || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("{}: dropped a batch of {}: {}", name, batch.size(), e.toString());
                dropped.accept(batch.size());
            }
            batch.clear();
        }
    }

    /** Writes what is queued (waiting up to 10 s), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
