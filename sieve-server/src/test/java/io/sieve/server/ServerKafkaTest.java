package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.Eventually;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.store.Json;
import io.sieve.stream.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka in and out against a real broker: events consumed into the store with their offsets
 * committed after the write, bad records in the dead-letter topic with their reason, and accepted
 * events and served slates published.
 */
class ServerKafkaTest {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String IN = "sieve-events";

    @TempDir
    Path dataDir;

    /** Every record on {@code topic} so far, from the start. */
    private static List<ConsumerRecord<String, String>> read(KafkaBroker kafka, String topic, int atLeast) throws InterruptedException {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + topic + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void eventsComeInBadRecordsAreSetAsideAndWhatIsAcceptedAndServedGoesOut() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(IN, 2, (short) 1))).all().get();
            SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of(
                    "ingest.kafka.bootstrap", kafka.bootstrap(), "publish.kafka.bootstrap", kafka.bootstrap()));
            try (TestServer server = new TestServer(dataDir, config);
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                         new StringSerializer(), new StringSerializer())) {
                server.seedClusters();
                server.start();
                List<String> records = List.of(
                        "{\"user\":\"k1\",\"item\":\"b1\",\"type\":\"click\",\"timestamp\":\"2026-01-02T00:00:00Z\"}",
                        "{\"user\":\"k1\",\"item\":\"b1\",\"type\":\"click\",\"timestamp\":\"2026-01-02T00:00:00Z\"}",
                        "{\"user\":\"k1\",\"item\":\"b2\",\"type\":\"like\"}",
                        "{\"user\":\"k1\",\"item\":\"b3\",\"type\":\"teleport\"}",
                        "not json at all");
                for (String record : records) {
                    producer.send(new ProducerRecord<>(IN, "k1", record)).get();
                }
                Eventually.await("the consumed events are stored", SOON, () -> server.historyItems("k1").containsAll(List.of("b1", "b2")));
                assertEquals(2, server.get("/v1/users/k1/events").json().get("events").size(), "the event sent twice is stored once");

                List<ConsumerRecord<String, String>> dead = read(kafka, config.ingest().kafka().deadLetterTopic(), 2);
                assertEquals(List.of("{\"user\":\"k1\",\"item\":\"b3\",\"type\":\"teleport\"}", "not json at all"),
                        dead.stream().map(ConsumerRecord::value).toList(), "dead letters keep the record as it came");
                assertTrue(header(dead.get(0), "sieve-error").startsWith("type: "), header(dead.get(0), "sieve-error"));
                assertTrue(header(dead.get(1), "sieve-error").startsWith("not a JSON event"), header(dead.get(1), "sieve-error"));
                assertTrue(header(dead.get(1), "sieve-source").startsWith(IN + "/"), header(dead.get(1), "sieve-source"));

                Eventually.await("the offsets are committed up to the end", SOON, () -> committedToTheEnd(admin, config.ingest().kafka().group()));
                String metrics = server.get("/metrics").body();
                assertTrue(metrics.contains("sieve_kafka_consumer_events_total 3.0"), metrics);
                assertTrue(metrics.contains("sieve_kafka_consumer_dead_total 2.0"), metrics);
                assertTrue(metrics.contains("sieve_kafka_consumer_lag "), metrics);

                assertEquals(202, server.send("POST", "/v1/events", "{\"user\":\"k2\",\"item\":\"c1\",\"type\":\"click\"}").status());
                JsonNode served = server.get("/v1/recommendations/k1?n=5").json();
                List<JsonNode> accepted = new ArrayList<>();
                for (ConsumerRecord<String, String> r : read(kafka, config.publish().kafka().eventsTopic(), 4)) {
                    accepted.add(Json.MAPPER.readTree(r.value()));
                }
                assertEquals(4, accepted.size(), "three consumed events (one twice) and one posted: " + accepted);
                assertTrue(accepted.stream().anyMatch(e -> e.get("user").asText().equals("k2")), accepted.toString());
                List<ConsumerRecord<String, String>> slates = read(kafka, config.publish().kafka().impressionsTopic(), 1);
                JsonNode slate = Json.MAPPER.readTree(slates.getFirst().value());
                assertEquals("k1", slates.getFirst().key());
                assertEquals(served.get("requestId").asText(), slate.get("requestId").asText());
                assertEquals(5, slate.get("items").size());
            }
        }
    }

    private static boolean committedToTheEnd(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var ends = admin.listOffsets(Map.of(new TopicPartition(IN, 0), OffsetSpec.latest(), new TopicPartition(IN, 1), OffsetSpec.latest()))
                    .all().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() == e.getValue().offset());
        } catch (Exception e) {
            return false;
        }
    }
}
