package qihu.dispatch.timer;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the events of many timers at once through a producer of its own: every event of a chunk is sent without
 * waiting, the producer batches them ({@code linger.ms}, {@code batch.size}), and a timer counts as published once
 * the broker acknowledged all its events ({@code acks=all}). Idempotence keeps a timer's events (one key, so one
 * partition) in order and undoubled across the producer's own retries.
 */
@Component
public class BulkPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkPublisher.class);

    /** An encoded event to send. */
    public record Outgoing(String eventType, String topic, String key, String json) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final MeterRegistry meters;

    public BulkPublisher(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            MeterRegistry meters,
            TimerProperties properties) {
        this.meters = meters;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "dispatch-timers",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        (int) properties.publishLinger().toMillis(),
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        properties.publishBatchBytes(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        5000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        5000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        15000),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Emits the items whose events were all acknowledged; an item whose events failed is left out (and logged). */
    public <T> Mono<List<T>> publishAll(List<T> items, Function<T, List<Outgoing>> events) {
        if (items.isEmpty()) {
            return Mono.just(List.of());
        }
        // send() may block while it fetches the topic's partitions or waits for buffer space.
        return Mono.fromCallable(() -> {
                    List<Mono<T>> acked = new ArrayList<>(items.size());
                    for (T item : items) {
                        acked.add(Mono.fromFuture(sendAll(events.apply(item))).thenReturn(item));
                    }
                    return acked;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::fromIterable)
                .concatMap(acked -> acked.onErrorResume(e -> {
                    log.warn("timer events not published, tried again next poll: {}", e.toString());
                    return Mono.empty();
                }))
                .collectList();
    }

    private CompletableFuture<Void> sendAll(List<Outgoing> events) {
        return CompletableFuture.allOf(events.stream().map(this::send).toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(Outgoing event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(
                            event.topic(),
                            event.key().getBytes(StandardCharsets.UTF_8),
                            event.json().getBytes(StandardCharsets.UTF_8)),
                    (metadata, failure) -> {
                        if (failure != null) {
                            acked.completeExceptionally(failure);
                        } else {
                            // The same series as the outbox relay's: business events by type.
                            meters.counter("qihu.events.published", "event_type", event.eventType())
                                    .increment();
                            acked.complete(null);
                        }
                    });
        } catch (RuntimeException failure) {
            acked.completeExceptionally(failure);
        }
        return acked;
    }

    @Override
    public void destroy() {
        producer.close();
    }
}
