package qihu.dispatch.timer;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import qihu.support.messaging.EventPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the events of many timers at once: each timer's events in order (they share a case, so a partition),
 * {@code publish-concurrency} timers in parallel, so that the broker batches them although each send waits for its
 * acknowledgement.
 */
@Component
public class BulkPublisher {

    private static final Logger log = LoggerFactory.getLogger(BulkPublisher.class);

    /** An encoded event to send. */
    public record Outgoing(String eventType, String topic, String key, String json) {}

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final int concurrency;
    private final Scheduler senders;

    public BulkPublisher(EventPublisher publisher, MeterRegistry meters, TimerProperties properties) {
        this.publisher = publisher;
        this.meters = meters;
        this.concurrency = properties.publishConcurrency();
        this.senders = Schedulers.newBoundedElastic(concurrency, Integer.MAX_VALUE, "timer-publish", 60, true);
    }

    /** Emits the items whose events were all published; an item whose events failed is left out (and logged). */
    public <T> Mono<List<T>> publishAll(List<T> items, Function<T, List<Outgoing>> events) {
        return Flux.fromIterable(items)
                .flatMap(
                        item -> Flux.fromIterable(events.apply(item))
                                .concatMap(event ->
                                        Mono.fromRunnable(() -> publish(event)).subscribeOn(senders))
                                .then(Mono.just(item))
                                .onErrorResume(e -> {
                                    log.warn("timer events not published, tried again next poll: {}", e.toString());
                                    return Mono.empty();
                                }),
                        concurrency)
                .collectList();
    }

    private void publish(Outgoing event) {
        publisher.publish(event.topic(), event.key(), event.json());
        // The same series as the outbox relay's: business events by type.
        meters.counter("qihu.events.published", "event_type", event.eventType()).increment();
    }
}
