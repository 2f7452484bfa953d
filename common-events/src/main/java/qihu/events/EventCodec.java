package qihu.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes events as JSON. Readers tolerate unknown fields (producers may add fields without a new schema
 * version); an unknown event type or a newer schema version is reported as {@link UnknownEventException} so that the
 * consumer can skip it.
 */
public final class EventCodec {

    private final JsonMapper json;

    public EventCodec() {
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    public byte[] encode(EventEnvelope<?> event) {
        return json.writeValueAsBytes(event);
    }

    public String encodeToString(EventEnvelope<?> event) {
        return json.writeValueAsString(event);
    }

    public EventEnvelope<?> decode(byte[] bytes) {
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JacksonException e) {
            throw new MalformedEventException("event is not JSON: " + e.getOriginalMessage(), e);
        }
        return decode(node);
    }

    public EventEnvelope<?> decode(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8));
    }

    private EventEnvelope<?> decode(JsonNode node) {
        String wireName = node.path("eventType").asString(null);
        if (wireName == null) {
            throw new MalformedEventException("event has no eventType", null);
        }
        EventType type = EventType.fromWireName(wireName)
                .orElseThrow(() -> new UnknownEventException("unknown event type " + wireName));
        int version = node.path("schemaVersion").asInt(0);
        if (version > type.schemaVersion()) {
            throw new UnknownEventException(
                    wireName + " schema version " + version + " is newer than " + type.schemaVersion());
        }
        try {
            EventPayload payload = json.treeToValue(node.required("payload"), type.payloadType());
            return new EventEnvelope<>(
                    node.required("eventId").asString(),
                    wireName,
                    version,
                    Instant.parse(node.required("occurredAt").asString()),
                    node.required("correlationId").asString(),
                    node.path("key").asString(payload.partitionKey()),
                    payload);
        } catch (RuntimeException e) {
            throw new MalformedEventException("malformed " + wireName + " event: " + e.getMessage(), e);
        }
    }
}
