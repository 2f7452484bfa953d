package qihu.support.messaging;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.UnknownEventException;
import qihu.support.logging.CorrelationIds;

/**
 * The functional binding bean of a consuming service: decodes the record and runs the handler to completion on the
 * listener thread. Imperative on purpose: an exception reaches the binder, whose retry and dead-letter topic apply,
 * and the offset is committed only after the handler finished.
 *
 * <p>An outage of the store is not the event's fault: while the handler fails only because the store cannot be
 * reached, the record is retried here, in place (the partition waits, order is kept), for up to {@link #PATIENCE},
 * instead of being dead-lettered after the binder's few quick attempts. The patience stays below Kafka's
 * {@code max.poll.interval.ms} (5 minutes), so the consumer keeps its partitions meanwhile.
 */
public final class EventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    /** How long one record waits for the store to come back before the binder's retry and dead letters apply. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    static final Duration FIRST_WAIT = Duration.ofMillis(500);

    private final EventCodec codec;
    private final EventHandler handler;
    private final Duration timeout;
    private final StorePatience patience;

    public EventConsumer(EventCodec codec, EventHandler handler, Duration timeout) {
        this(codec, handler, timeout, PATIENCE, FIRST_WAIT);
    }

    EventConsumer(EventCodec codec, EventHandler handler, Duration timeout, Duration patience, Duration firstWait) {
        this.codec = codec;
        this.handler = handler;
        this.timeout = timeout;
        this.patience = new StorePatience(patience, firstWait);
    }

    @Override
    public void accept(Message<byte[]> message) {
        EventEnvelope<?> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (UnknownEventException e) {
            log.debug("skipping an event this version does not read: {}", e.getMessage());
            return;
        }
        // Every log line the handling writes carries the request's correlation id, on whatever thread it runs.
        patience.run(
                () -> CorrelationIds.with(
                        event.correlationId(), () -> handler.handle(event).block(timeout)),
                () -> event.eventType() + " " + event.eventId());
    }
}
