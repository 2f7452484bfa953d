package qihu.support.messaging;

import qihu.events.EventEnvelope;
import reactor.core.publisher.Mono;

/** A service's reaction to one event. Must be idempotent: Kafka delivers at least once. */
@FunctionalInterface
public interface EventHandler {
    Mono<Void> handle(EventEnvelope<?> event);
}
