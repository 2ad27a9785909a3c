package io.sieve.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.config.SieveConfig;
import io.sieve.online.ServingListener;
import io.sieve.store.EventLog;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's links to Kafka, as configured: the publisher of what it accepts and serves
 * ({@code publish.kafka}) and the consumer of events ({@code ingest.kafka}); either, both or none.
 */
public final class KafkaLinks implements AutoCloseable {
    private final KafkaPublisher publisher;
    private final KafkaEventConsumer consumer;
    private final ServingListener listener;

    private KafkaLinks(KafkaPublisher publisher, KafkaEventConsumer consumer, ServingListener listener) {
        this.publisher = publisher;
        this.consumer = consumer;
        this.listener = listener;
    }

    /**
     * Connects what is configured; the consumer only starts with {@link #startConsuming}.
     *
     * @param online told of every accepted event and served slate, before the publisher is
     */
    public static KafkaLinks open(SieveConfig config, EventLog log, ServingListener online, MeterRegistry registry) {
        List<ServingListener> listeners = new ArrayList<>(List.of(online));
        KafkaPublisher publisher = null;
        if (!config.publish().kafka().bootstrap().isBlank()) {
            publisher = new KafkaPublisher(config.publish().kafka(), registry);
            listeners.add(publisher);
        }
        ServingListener listener = ServingListener.all(listeners);
        KafkaEventConsumer consumer = config.ingest().kafka().bootstrap().isBlank() ? null
                : new KafkaEventConsumer(config.ingest().kafka(), config.types(), log, listener, registry);
        return new KafkaLinks(publisher, consumer, listener);
    }

    /** Whoever hears of accepted events and served slates: the online state, then the publisher. */
    public ServingListener listener() {
        return listener;
    }

    /** Starts consuming events, once the server is up to serve what they change. */
    public void startConsuming() {
        if (consumer != null) {
            consumer.start();
        }
    }

    /** Stops consuming first (its last events still get published), then publishes what is queued. */
    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
