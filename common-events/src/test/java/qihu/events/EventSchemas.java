package qihu.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks event JSON against the published JSON Schemas. Used by the contract tests here and by the services' tests on
 * both the producing and the consuming side.
 */
public final class EventSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

    private EventSchemas() {}

    /** The schema violations of one event, empty when it conforms to the schema of its {@code eventType}. */
    public static List<String> violations(byte[] eventJson) {
        JsonNode node = JSON.readTree(eventJson);
        EventType type = EventType.fromWireName(node.path("eventType").asString(""))
                .orElseThrow(() ->
                        new AssertionError("unknown eventType in " + new String(eventJson, StandardCharsets.UTF_8)));
        return schema(type).validate(node).stream().map(Error::toString).toList();
    }

    /** Fails with the violations listed when the event does not conform. */
    public static void assertConforms(byte[] eventJson) {
        List<String> violations = violations(eventJson);
        if (!violations.isEmpty()) {
            throw new AssertionError("event does not conform to its schema: " + violations + "\n"
                    + new String(eventJson, StandardCharsets.UTF_8));
        }
    }

    private static synchronized Schema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(
                type, t -> REGISTRY.getSchema(SchemaLocation.of("classpath:" + t.schemaResource())));
    }
}
