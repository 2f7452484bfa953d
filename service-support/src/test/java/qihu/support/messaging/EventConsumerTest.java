package qihu.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.ServerAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.messaging.support.MessageBuilder;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.ReportPublished;
import reactor.core.publisher.Mono;

/** A store outage is waited out in place; anything else goes to the binder (retry, then the dead-letter topic). */
class EventConsumerTest {

    private final EventCodec codec = new EventCodec();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void anUnreachableStoreIsWaitedOutInsteadOfDeadLettering() {
        EventConsumer consumer = consumer(
                Duration.ofSeconds(5),
                attempt -> attempt <= 3
                        ? Mono.error(new DataAccessResourceFailureException(
                                "timed out", new MongoSocketReadTimeoutException("read", new ServerAddress(), null)))
                        : Mono.empty());

        consumer.accept(record());

        assertThat(calls).hasValue(4);
    }

    @Test
    void aFailureAboutTheEventGoesToTheBinderAtOnce() {
        EventConsumer consumer =
                consumer(Duration.ofSeconds(5), attempt -> Mono.error(new IllegalArgumentException("bad")));

        assertThatThrownBy(() -> consumer.accept(record())).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anOutageLongerThanThePatienceGoesToTheBinder() {
        EventConsumer consumer = consumer(
                Duration.ofMillis(50), attempt -> Mono.error(new DataAccessResourceFailureException("still down")));

        assertThatThrownBy(() -> consumer.accept(record())).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(calls.get()).isBetween(1, 4);
    }

    private interface Attempts {
        Mono<Void> on(int attempt);
    }

    private EventConsumer consumer(Duration patience, Attempts attempts) {
        return new EventConsumer(
                codec,
                event -> attempts.on(calls.incrementAndGet()),
                Duration.ofSeconds(5),
                patience,
                Duration.ofMillis(10));
    }

    private org.springframework.messaging.Message<byte[]> record() {
        EventEnvelope<ReportPublished> event = EventEnvelope.of(
                "evt-1",
                Instant.parse("2026-11-23T02:00:00Z"),
                "corr-1",
                new ReportPublished(
                        "r-1", "weekly", LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22), List.of()));
        return MessageBuilder.withPayload(codec.encode(event)).build();
    }
}
