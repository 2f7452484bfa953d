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
 */
public final class EventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final EventCodec codec;
    private final EventHandler handler;
    private final Duration timeout;

    public EventConsumer(EventCodec codec, EventHandler handler, Duration timeout) {
        this.codec = codec;
        this.handler = handler;
        this.timeout = timeout;
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
        CorrelationIds.with(event.correlationId(), () -> handler.handle(event).block(timeout));
    }
}
