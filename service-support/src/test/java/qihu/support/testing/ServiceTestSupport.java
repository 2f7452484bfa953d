package qihu.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.EventSchemas;
import reactor.core.publisher.Mono;

/** Base of service tests: the embedded store, a clean database per test, and a way to read what reached a topic. */
public abstract class ServiceTestSupport {

    @Autowired
    protected ReactiveMongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    protected final EventCodec codec = new EventCodec();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
    }

    protected void dropDatabase() {
        mongo.getMongoDatabase().flatMap(db -> Mono.from(db.drop())).block();
    }

    /**
     * Every event on a topic, read from the beginning until {@code quiet} passes without a new one, each checked
     * against its JSON Schema.
     */
    protected List<EventEnvelope<?>> eventsOn(String topic, Duration quiet) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<EventEnvelope<?>> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventSchemas.assertConforms(record.value());
                    EventEnvelope<?> event = codec.decode(record.value());
                    if (!record.key().equals(event.key())) {
                        throw new AssertionError(
                                "record key " + record.key() + " is not the event's key " + event.key());
                    }
                    events.add(event);
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return events;
    }
}
