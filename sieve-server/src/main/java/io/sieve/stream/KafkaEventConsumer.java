package io.sieve.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sieve.config.SieveConfig.KafkaIn;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.FieldError;
import io.sieve.online.ServingListener;
import io.sieve.store.EventLog;
import io.sieve.store.Json;
import io.sieve.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes events from Kafka ({@code ingest.kafka}) into the store: each poll's valid events are
 * written in one batch, then told to the listener (the online state), and only then are the
 * offsets committed, so a crash between the two re-reads records rather than losing them (at least
 * once; the store keeps an event twice as one, by its key: user, item, type and millisecond). A
 * record without a timestamp takes the Kafka record's, so a re-read gives the same key.
 *
 * <p>A record that is not a valid event goes to the dead-letter topic unchanged, with headers
 * {@code sieve-error} (the reason, naming the field) and {@code sieve-source} (topic, partition,
 * offset); the dead letters are acknowledged by Kafka before the offsets move past them. While the
 * store refuses writes the consumer retries the same batch, with growing pauses, and commits nothing.
 */
final class KafkaEventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final KafkaIn settings;
    private final EventTypes types;
    private final EventLog log;
    private final ServingListener listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final AtomicLong lag = new AtomicLong();
    private final Counter stored;
    private final Counter dead;
    private Thread thread;
    private volatile boolean closing;

    KafkaEventConsumer(KafkaIn settings, EventTypes types, EventLog log, ServingListener listener, MeterRegistry registry) {
        this.settings = settings;
        this.types = types;
        this.log = log;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.CLIENT_ID_CONFIG, "sieve-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, "sieve-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
        Gauge.builder("sieve.kafka.consumer.lag", lag, AtomicLong::get)
                .description("Records on " + settings.topic() + " not yet consumed, over this consumer's partitions").register(registry);
        this.stored = Counter.builder("sieve.kafka.consumer.events")
                .description("Events consumed from Kafka and written to the store").register(registry);
        this.dead = Counter.builder("sieve.kafka.consumer.dead")
                .description("Records sent to the dead-letter topic because they were not valid events").register(registry);
    }

    void start() {
        consumer.subscribe(List.of(settings.topic()));
        thread = Thread.ofPlatform().name("sieve-kafka-consumer").start(this::run);
    }

    private void run() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty() && handle(records)) {
                    commit();
                }
                lag.set(consumer.assignment().stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0)).sum());
            }
        } catch (WakeupException closingNow) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.error("the Kafka consumer stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close();
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /** Stores the valid events and dead-letters the rest; false when closing interrupted it before both were durable. */
    private boolean handle(ConsumerRecords<byte[], byte[]> records) {
        List<Event> events = new ArrayList<>(records.count());
        List<Future<RecordMetadata>> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String reason = parse(record, events);
            if (reason != null) {
                letters.add(deadLetter(record, reason));
            }
        }
        if (!events.isEmpty() && !write(events)) {
            return false;
        }
        listener.accepted(events);
        stored.increment(events.size());
        for (Future<RecordMetadata> letter : letters) {
            try {
                letter.get();
            } catch (ExecutionException e) {
                // Not committing makes the batch come again; its events are stored once however often.
                throw new IllegalStateException("the dead-letter topic " + settings.deadLetterTopic() + " refused a record", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        dead.increment(letters.size());
        return true;
    }

    /** Adds the record's event to {@code events}, or says why it is not one. */
    private String parse(ConsumerRecord<byte[], byte[]> record, List<Event> events) {
        if (record.value() == null) {
            return "the record has no value";
        }
        Event event;
        try {
            event = Json.MAPPER.readValue(record.value(), Event.class);
        } catch (java.io.IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return "not a JSON event: " + detail;
        }
        if (event == null) {
            return "not a JSON event: null";
        }
        event = event.withTimestampIfMissing(Instant.ofEpochMilli(record.timestamp()));
        List<FieldError> errors = event.validate(types);
        if (!errors.isEmpty()) {
            return errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
        }
        events.add(event);
        return null;
    }

    private Future<RecordMetadata> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(settings.deadLetterTopic(), record.key(), record.value());
        letter.headers().add("sieve-error", reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add("sieve-source", (record.topic() + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return deadLetters.send(letter);
    }

    /** Writes the batch, retrying while the store refuses; false only when closing stopped the retries. */
    private boolean write(List<Event> events) {
        long backoff = 100;
        while (!closing) {
            try {
                log.appendEvents(events);
                return true;
            } catch (StoreException e) {
                LOG.warn("the store refused {} events from Kafka; retrying in {} ms: {}", events.size(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        return false;
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException e) {
            // The group moved the partitions elsewhere meanwhile: their new owner reads these records
            // again, and the store keeps each event once.
            LOG.warn("offsets not committed after a rebalance; the records will be read again: {}", e.getMessage());
        }
    }

    /** Finishes the batch in hand (its offsets committed if it was stored), then stops. */
    @Override
    public void close() {
        closing = true;
        if (thread == null) {
            consumer.close();
            deadLetters.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
