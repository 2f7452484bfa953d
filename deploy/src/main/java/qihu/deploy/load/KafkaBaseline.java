package qihu.deploy.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the broker alone can take: 1 KB records with the services' durability settings (acks=all, idempotence),
 * sent as fast as one producer can, to a topic of its own with the partition count of Qihu's topics. The ratio of
 * intake's rate to this one is what intake costs on top of the broker.
 */
public final class KafkaBaseline {

    public static final String TOPIC = "qihu.baseline";
    private static final int PARTITIONS = 6;
    private static final int RECORD_BYTES = 1024;

    /**
     * @param lingerMs 0 as the services publish (one request, one send), or a few ms to let the producer batch
     * @param consumedPerSecond one consumer reading the same records back (read_committed, as the services read)
     */
    public record Result(
            int lingerMs,
            Duration duration,
            long records,
            double recordsPerSecond,
            double mbPerSecond,
            double consumedPerSecond) {}

    private KafkaBaseline() {}

    public static Result run(String bootstrapServers, int lingerMs, Duration duration) throws Exception {
        createTopic(bootstrapServers);
        Map<TopicPartition, Long> before = endOffsets(bootstrapServers);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        byte[] value = new byte[RECORD_BYTES];
        java.util.Arrays.fill(value, (byte) 'x');
        LongAdder acknowledged = new LongAdder();
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            // One record first, so that metadata and connections are not part of the measurement.
            producer.send(new ProducerRecord<>(TOPIC, "warm-up", value)).get();
            start = System.nanoTime();
            long stopAt = start + duration.toNanos();
            long i = 0;
            while (System.nanoTime() < stopAt) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + (i++ % 10_000), value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.increment();
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        double seconds = (end - start) / 1e9;
        long records = acknowledged.sum();
        return new Result(
                lingerMs,
                duration,
                records,
                records / seconds,
                records * (double) RECORD_BYTES / seconds / 1e6,
                consumeRate(bootstrapServers, before, endOffsets(bootstrapServers)));
    }

    /** Records per second one consumer reads from {@code from} to {@code to}. */
    private static double consumeRate(
            String bootstrapServers, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long expected = 0;
        for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
            expected += end.getValue() - from.getOrDefault(end.getKey(), 0L);
        }
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            long read = 0;
            long start = System.nanoTime();
            long giveUp = start + Duration.ofMinutes(2).toNanos();
            while (read < expected && System.nanoTime() < giveUp) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrapServers) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static void createTopic(String bootstrapServers) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(java.util.List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
