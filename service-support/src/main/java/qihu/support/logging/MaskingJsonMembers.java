package qihu.support.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks personal data ({@link PersonalData}) in every text value of a structured (JSON) log line: the message, MDC
 * values, the stack trace. Registered in {@code META-INF/spring.factories}, so it applies to whichever format
 * {@code logging.structured.format.console} names (ecs, logstash, gelf).
 */
public class MaskingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PersonalData::mask));
    }
}
