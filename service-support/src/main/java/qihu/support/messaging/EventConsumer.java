package qihu.support.messaging;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.UnknownEventException;
import qihu.support.StoreOutage;
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

    private static final Duration FIRST_WAIT = Duration.ofMillis(500);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final EventCodec codec;
    private final EventHandler handler;
    private final Duration timeout;
    private final Duration patience;
    private final Duration firstWait;

    public EventConsumer(EventCodec codec, EventHandler handler, Duration timeout) {
        this(codec, handler, timeout, PATIENCE, FIRST_WAIT);
    }

    EventConsumer(EventCodec codec, EventHandler handler, Duration timeout, Duration patience, Duration firstWait) {
        this.codec = codec;
        this.handler = handler;
        this.timeout = timeout;
        this.patience = patience;
        this.firstWait = firstWait;
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
        long giveUpAt = System.nanoTime() + patience.toNanos();
        Duration wait = firstWait;
        while (true) {
            try {
                // Every log line the handling writes carries the request's correlation id, on whatever thread it runs.
                CorrelationIds.with(
                        event.correlationId(), () -> handler.handle(event).block(timeout));
                return;
            } catch (RuntimeException e) {
                if (!StoreOutage.isCause(e) || System.nanoTime() + wait.toNanos() > giveUpAt) {
                    throw e;
                }
                log.warn(
                        "the store is unreachable while handling {} {}; trying again in {} ms (the partition waits): {}",
                        event.eventType(),
                        event.eventId(),
                        wait.toMillis(),
                        e.toString());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", interrupted);
        }
    }
}
