package qihu.intake.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import qihu.intake.request.RequestRules;

/** The example of every channel in CHANNELS.md is what its adapter accepts: the documentation cannot drift. */
class DocumentedExamplesTest {

    /** A channel's section heading, then its first JSON block. */
    private static final Pattern EXAMPLE =
            Pattern.compile("^## `([a-z0-9-]+)`.*?^```json\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void everyChannelHasAnExampleTheAdapterMapsWithoutAViolation() throws IOException {
        String doc = Files.readString(Path.of("CHANNELS.md"), StandardCharsets.UTF_8);
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            examples.put(m.group(1), m.group(2));
        }
        ChannelAdapters adapters = new ChannelAdapters(ChannelMappingTest.MAPPERS, ChannelMappingTest.CHANNELS);
        RequestRules rules = new RequestRules(ChannelMappingTest.CHANNELS);

        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(ChannelMappingTest.CHANNELS);
        examples.forEach((channel, json) -> {
            var payload = adapters.read(channel, json.getBytes(StandardCharsets.UTF_8));
            assertThat(payload.items())
                    .as(channel)
                    .isNotEmpty()
                    .allSatisfy(item -> assertThat(item.names()
                                    .report(
                                            item.violations(),
                                            rules.violations(item.request(), ChannelMappingTest.NOW)))
                            .as(channel + " " + item.ref())
                            .isEmpty());
        });
    }
}
