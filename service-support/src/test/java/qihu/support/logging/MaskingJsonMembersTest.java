package qihu.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

class MaskingJsonMembersTest {

    record LogLine(String message, Map<String, String> mdc, int count) {}

    @Test
    void everyTextValueOfAStructuredLogLineIsMasked() {
        JsonWriter<Object> writer = JsonWriter.of(members -> {
            members.add("message", line -> ((LogLine) line).message());
            members.add("count", line -> ((LogLine) line).count());
            members.from(line -> ((LogLine) line).mdc()).usingPairs(Map::forEach);
            new MaskingJsonMembers().customize(members);
        });

        String json = writer.writeToString(
                new LogLine("caller 13905791234 unhappy", Map.of("contactPhone", "13905791234"), 13905791));

        assertThat(json)
                .contains("\"message\":\"caller 139****1234 unhappy\"")
                .contains("\"contactPhone\":\"139****1234\"")
                .contains("\"count\":13905791")
                .doesNotContain("13905791234");
    }
}
