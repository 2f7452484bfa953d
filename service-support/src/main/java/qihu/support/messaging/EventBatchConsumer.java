package qihu.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.UnknownEventException;
import qihu.support.logging.CorrelationIds;

/**
 * The functional binding bean of a batch-mode consumer ({@code consumer.batch-mode: true}): decodes a poll's records
 * and runs the handler over all of them at once on the listener thread, so that the store is written once per poll
 * rather than once per event. A store outage is waited out in place, as {@link EventConsumer} does.
 *
 * <p>If the batch fails otherwise, its events are handled again one at a time, in order (the handler is idempotent),
 * so that the events before a bad one are applied and the log names the bad one; its failure then goes to the binder,
 * which in batch mode sends the poll's records to the dead-letter topic without retrying (re-driving the ones that
 * were applied changes nothing).
 */
public final class EventBatchConsumer implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(EventBatchConsumer.class);

    private final EventCodec codec;
    private final EventBatchHandler handler;
    private final Duration timeout;
    private final StorePatience patience;

    public EventBatchConsumer(EventCodec codec, EventBatchHandler handler, Duration timeout) {
        this.codec = codec;
        this.handler = handler;
        this.timeout = timeout;
        this.patience = new StorePatience(EventConsumer.PATIENCE, EventConsumer.FIRST_WAIT);
    }

    @Override
    public void accept(Message<List<byte[]>> message) {
        List<EventEnvelope<?>> events = decode(message.getPayload());
        if (events.isEmpty()) {
            return;
        }
        try {
            patience.run(() -> handler.handle(events).block(timeout), () -> "a batch of " + events.size() + " events");
        } catch (RuntimeException batchFailed) {
            log.warn(
                    "a batch of {} events failed, handling them one by one: {}", events.size(), batchFailed.toString());
            for (EventEnvelope<?> event : events) {
                patience.run(
                        () -> CorrelationIds.with(
                                event.correlationId(),
                                () -> handler.handle(List.of(event)).block(timeout)),
                        () -> event.eventType() + " " + event.eventId());
            }
        }
    }

    private List<EventEnvelope<?>> decode(List<byte[]> records) {
        List<EventEnvelope<?>> events = new ArrayList<>(records.size());
        for (byte[] record : records) {
            try {
                events.add(codec.decode(record));
            } catch (UnknownEventException e) {
                log.debug("skipping an event this version does not read: {}", e.getMessage());
            }
        }
        return events;
    }
}
