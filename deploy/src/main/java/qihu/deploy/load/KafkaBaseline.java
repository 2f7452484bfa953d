package qihu.deploy.load;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
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

    /** @param lingerMs 0 as the services publish (one request, one send), or a few ms to let the producer batch */
    public record Result(int lingerMs, Duration duration, long records, double recordsPerSecond, double mbPerSecond) {}

    private KafkaBaseline() {}

    public static Result run(String bootstrapServers, int lingerMs, Duration duration) throws Exception {
        createTopic(bootstrapServers);
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
                lingerMs, duration, records, records / seconds, records * (double) RECORD_BYTES / seconds / 1e6);
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
