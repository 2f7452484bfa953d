package qihu.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.ReportPublished;
import reactor.core.publisher.Mono;

/** A poll is handled at once; a failing poll is handled again event by event, and the bad event's failure thrown. */
class EventBatchConsumerTest {

    private final EventCodec codec = new EventCodec();
    private final List<List<String>> calls = new ArrayList<>();

    @Test
    void aPollIsHandledInOneCallInTheOrderItArrived() {
        consumer("none").accept(poll("evt-1", "evt-2", "evt-3"));

        assertThat(calls).containsExactly(List.of("evt-1", "evt-2", "evt-3"));
    }

    @Test
    void aFailingPollIsHandledAgainOneByOneSoThatTheOthersAreApplied() {
        EventBatchConsumer consumer = consumer("evt-2");

        assertThatThrownBy(() -> consumer.accept(poll("evt-1", "evt-2", "evt-3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evt-2");
        assertThat(calls).containsExactly(List.of("evt-1", "evt-2", "evt-3"), List.of("evt-1"), List.of("evt-2"));
    }

    private EventBatchConsumer consumer(String bad) {
        return new EventBatchConsumer(
                codec,
                events -> {
                    List<String> ids =
                            events.stream().map(EventEnvelope::eventId).toList();
                    calls.add(ids);
                    return ids.contains(bad)
                            ? Mono.error(new IllegalArgumentException("cannot handle " + bad))
                            : Mono.empty();
                },
                Duration.ofSeconds(5));
    }

    private Message<List<byte[]>> poll(String... eventIds) {
        List<byte[]> records = new ArrayList<>();
        for (String eventId : eventIds) {
            records.add(codec.encode(EventEnvelope.of(
                    eventId,
                    Instant.parse("2026-11-23T02:00:00Z"),
                    "corr-1",
                    new ReportPublished(
                            "r-1", "weekly", LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22), List.of()))));
        }
        return MessageBuilder.withPayload(records).build();
    }
}
