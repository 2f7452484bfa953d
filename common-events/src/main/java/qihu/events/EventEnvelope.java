package qihu.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What travels on a topic: identity, type, schema version, time and correlation around a typed payload.
 *
 * @param eventId unique and deterministic where the event can be produced twice (see {@link EventIds}); consumers
 *     use it to drop redeliveries
 * @param correlationId the id that ties everything caused by one enterprise request together (the request id)
 * @param key the Kafka key, taken from the payload
 */
public record EventEnvelope<P extends EventPayload>(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String correlationId,
        String key,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a payload; type, schema version and key follow from the payload. */
    public static <P extends EventPayload> EventEnvelope<P> of(
            String eventId, Instant occurredAt, String correlationId, P payload) {
        EventType type = EventType.of(payload);
        return new EventEnvelope<>(
                eventId,
                type.wireName(),
                type.schemaVersion(),
                occurredAt,
                correlationId,
                payload.partitionKey(),
                payload);
    }

    public EventType type() {
        return EventType.fromWireName(eventType).orElseThrow();
    }

    public String topic() {
        return type().topic();
    }
}
