package io.sieve.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.background.BatchingWriter;
import io.sieve.config.SieveConfig.KafkaOut;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.online.ServingListener;
import io.sieve.store.Json;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes accepted events and served slates to Kafka ({@code publish.kafka}), as JSON keyed by
 * user, so that a user's records stay in order on one partition. The request path only queues; a
 * sender thread hands records to the producer, whose own batching does the rest. A record that
 * cannot be queued or sent is counted, never retried against the request's time.
 */
final class KafkaPublisher implements ServingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final int QUEUE = 50_000;
    private static final int BATCH = 1_000;

    private final KafkaOut settings;
    private final KafkaProducer<String, String> producer;
    private final Counter failed;
    private final Counter published;
    private final BatchingWriter<ProducerRecord<String, String>> sender;

    KafkaPublisher(KafkaOut settings, MeterRegistry registry) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, "sieve-publisher",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                // gzip is pure Java: no native library unpacked by this process
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip"),
                new StringSerializer(), new StringSerializer());
        this.failed = Counter.builder("sieve.kafka.publish.failed")
                .description("Accepted events and served slates that could not be published to Kafka").register(registry);
        this.published = Counter.builder("sieve.kafka.publish.sent")
                .description("Accepted events and served slates published to Kafka").register(registry);
        this.sender = new BatchingWriter<>("sieve-kafka-publisher", QUEUE, BATCH, this::send, failed::increment);
    }

    @Override
    public void accepted(List<Event> events) {
        for (Event e : events) {
            offer(new ProducerRecord<>(settings.eventsTopic(), e.user(), write(e)));
        }
    }

    @Override
    public void served(Impression impression) {
        offer(new ProducerRecord<>(settings.impressionsTopic(), impression.user(), write(impression)));
    }

    private void offer(ProducerRecord<String, String> record) {
        sender.offer(record);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record as JSON", e);
        }
    }

    private void send(List<ProducerRecord<String, String>> batch) {
        for (ProducerRecord<String, String> record : batch) {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    published.increment();
                } else {
                    failed.increment();
                    LOG.warn("could not publish to {}: {}", record.topic(), error.getMessage());
                }
            });
        }
    }

    /** Sends what is queued, waits for the producer to deliver it, then stops. */
    @Override
    public void close() {
        sender.close();
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
