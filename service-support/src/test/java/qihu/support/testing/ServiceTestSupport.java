package qihu.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.EventSchemas;
import reactor.core.publisher.Mono;

/** Base of service tests: the embedded store, a clean database per test, and a way to read what reached a topic. */
public abstract class ServiceTestSupport {

    @Autowired
    protected ReactiveMongoTemplate mongo;

    /**
     * This context's own broker. Not the {@code spring.embedded.kafka.brokers} property: that is a JVM-wide system
     * property, overwritten by every further context, so a cached context would read another context's broker.
     */
    @Autowired
    private EmbeddedKafkaBroker broker;

    protected String brokers() {
        return broker.getBrokersAsString();
    }

    protected final EventCodec codec = new EventCodec();

    /** One producer per broker (the embedded broker lives as long as the cached test context). */
    private static final Map<String, KafkaProducer<String, byte[]>> PRODUCERS = new ConcurrentHashMap<>();

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
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : recordsOn(topic, quiet)) {
            EventSchemas.assertConforms(record.value());
            EventEnvelope<?> event = codec.decode(record.value());
            if (!record.key().equals(event.key())) {
                throw new AssertionError("record key " + record.key() + " is not the event's key " + event.key());
            }
            events.add(event);
        }
        return events;
    }

    /** Every record on a topic as it is, events or not, read from the beginning until {@code quiet} passes. */
    protected List<ConsumerRecord<String, byte[]>> recordsOn(String topic, Duration quiet) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return records;
    }

    /**
     * Sends events to their topics as another service would: encoded by the codec, keyed by the envelope's key, each
     * checked against its JSON Schema first and acknowledged by the broker before this returns.
     */
    protected void publish(EventEnvelope<?>... events) {
        KafkaProducer<String, byte[]> producer = PRODUCERS.computeIfAbsent(brokers(), ServiceTestSupport::producer);
        for (EventEnvelope<?> event : events) {
            byte[] json = codec.encode(event);
            EventSchemas.assertConforms(json);
            try {
                producer.send(new ProducerRecord<>(event.topic(), event.key(), json))
                        .get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + event.eventType(), e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused " + event.eventType(), e.getCause());
            }
        }
    }

    /** Sends bytes to a topic as they are: what a broken or foreign producer could send. */
    protected void publishRaw(String topic, String key, byte[] value) {
        KafkaProducer<String, byte[]> producer = PRODUCERS.computeIfAbsent(brokers(), ServiceTestSupport::producer);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a record for " + topic, e.getCause());
        }
    }

    private static KafkaProducer<String, byte[]> producer(String brokers) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // Kafka 4 defaults to 5 ms; tests send one record at a time and wait for it.
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(1))));
        return producer;
    }

    /** Expects an RFC 9457 problem+json answer with the given status and no internals. */
    protected static WebTestClient.BodyContentSpec isProblem(WebTestClient.ResponseSpec response, HttpStatus status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status.value())
                .jsonPath("$.trace")
                .doesNotExist();
    }
}
