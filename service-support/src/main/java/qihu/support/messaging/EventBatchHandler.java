package qihu.support.messaging;

import java.util.List;
import qihu.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * A service's reaction to the events of one poll, in the order they arrived (one key's events keep their order). Must
 * be idempotent per event: Kafka delivers at least once, and a failed batch is handled again event by event.
 */
@FunctionalInterface
public interface EventBatchHandler {
    Mono<Void> handle(List<EventEnvelope<?>> events);
}
