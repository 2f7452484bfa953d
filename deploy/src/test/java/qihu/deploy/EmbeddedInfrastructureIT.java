package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Kafka and MongoDB work with the real clients and keep their data across a restart. */
class EmbeddedInfrastructureIT {

    private static final String TOPIC = "qihu.it.persistence";
    private static final String DATABASE = "qihu_it";
    private static final String COLLECTION = "requests";
    private static final int EXPECTED_PARTITIONS = 6;
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    @TempDir
    java.nio.file.Path home;

    @Test
    void producesConsumesStoresAndFindsEverythingAgainAfterARestart() throws Exception {
        StackConfig config = StackConfig.forTests(home).withServices(Set.of());
        Ports ports = config.ports();
        String key = UUID.randomUUID().toString();
        String value = "{\"requestId\":\"" + key + "\"}";

        try (EmbeddedMongo mongo = EmbeddedMongo.start(config.mongoDataFile(), ports.mongo());
                EmbeddedKafka kafka =
                        EmbeddedKafka.start(config.kafkaDataDir(), ports.kafka(), ports.kafkaController())) {
            assertThat(EmbeddedKafka.isFormatted(config.kafkaDataDir())).isTrue();

            produce(kafka.bootstrapServers(), key, value);
            assertThat(consumeFromStart(kafka.bootstrapServers(), key)).isEqualTo(value);
            assertThat(partitionCount(kafka.bootstrapServers())).isEqualTo(EXPECTED_PARTITIONS);

            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                collection(client).insertOne(new Document("_id", key).append("status", "RECEIVED"));
                assertThat(collection(client).find(new Document("_id", key)).first())
                        .containsEntry("status", "RECEIVED");
            }
        }

        // Same home, same ports: like "./qihu down" followed by "./qihu up".
        try (EmbeddedMongo mongo = EmbeddedMongo.start(config.mongoDataFile(), ports.mongo());
                EmbeddedKafka kafka =
                        EmbeddedKafka.start(config.kafkaDataDir(), ports.kafka(), ports.kafkaController())) {
            assertThat(consumeFromStart(kafka.bootstrapServers(), key)).isEqualTo(value);

            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                assertThat(collection(client).find(new Document("_id", key)).first())
                        .isNotNull()
                        .containsEntry("status", "RECEIVED");
            }
        }
    }

    private static void produce(String bootstrapServers, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    /** Reads the topic from the beginning with a fresh group until the record with {@code key} shows up. */
    private static String consumeFromStart(String bootstrapServers, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            Instant deadline = Instant.now().plus(POLL_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL_INTERVAL)) {
                    if (key.equals(record.key())) {
                        return record.value();
                    }
                    seen.add(record.key());
                }
            }
        }
        throw new AssertionError("No record with key " + key + " within " + POLL_TIMEOUT + "; saw keys " + seen);
    }

    private static int partitionCount(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeTopics(List.of(TOPIC))
                    .allTopicNames()
                    .get()
                    .get(TOPIC)
                    .partitions()
                    .size();
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase(DATABASE).getCollection(COLLECTION);
    }
}
