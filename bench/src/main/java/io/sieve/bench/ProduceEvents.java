package io.sieve.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills a Kafka topic with events for {@code sieve serve} to consume (bench/scale-out.sh): seeded
 * clicks of users {@code u0 … u<users-1>} on items {@code i0 … i<items-1>}, each at its own
 * millisecond, so every record is a distinct event. Creates the topic with the given partitions.
 *
 * <p>Usage: {@code ProduceEvents <bootstrap> <topic> <partitions> <events> <users> <items>}.
 */
public final class ProduceEvents {
    private ProduceEvents() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ProduceEvents <bootstrap> <topic> <partitions> <events> <users> <items>");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        long events = Long.parseLong(args[3]);
        int users = Integer.parseInt(args[4]);
        int items = Integer.parseInt(args[5]);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        SplittableRandom random = new SplittableRandom(17);
        long start = System.nanoTime();
        // 2017-07-14, before any synthetic.py event: bench/scale-out.sh counts these apart.
        long firstMs = 1_500_000_000_000L;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                // Uncompressed: the consumer's figure is then Sieve's work, not the codec's.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            for (long n = 0; n < events; n++) {
                String user = "u" + random.nextInt(users);
                String json = "{\"user\":\"" + user + "\",\"item\":\"i" + random.nextInt(items)
                        + "\",\"type\":\"click\",\"timestamp\":\"" + Instant.ofEpochMilli(firstMs + n) + "\"}";
                producer.send(new ProducerRecord<>(topic, user, json));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("produced %d events in %.1f s (%.0f/s)%n", events, seconds, events / seconds);
    }
}
