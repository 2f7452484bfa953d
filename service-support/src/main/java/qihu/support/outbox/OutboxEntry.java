package qihu.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;

/**
 * An event waiting to be published, stored inside the document whose change caused it. Writing the state change and
 * its events in one document update is what makes "stored" and "will be published" the same fact without
 * transactions.
 */
public record OutboxEntry(String eventId, String eventType, String topic, String key, String json, Instant enqueuedAt) {

    public static OutboxEntry of(EventCodec codec, EventEnvelope<?> event) {
        return new OutboxEntry(
                event.eventId(),
                event.eventType(),
                event.topic(),
                event.key(),
                codec.encodeToString(event),
                event.occurredAt());
    }

    public byte[] jsonBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
