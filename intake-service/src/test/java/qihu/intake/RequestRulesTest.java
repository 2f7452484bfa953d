package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import qihu.events.Contact;
import qihu.events.Enterprise;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.RequestRules;
import qihu.support.web.FieldViolation;

/**
 * Rules of the canonical request that the service tests cannot reach over HTTP: with signatures required, a request
 * naming an unknown channel is refused before it is read.
 */
class RequestRulesTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final RequestRules RULES = new RequestRules(Set.of("hotline-12345"));

    static CanonicalRequest request(String channel, Map<String, String> details) {
        return new CanonicalRequest(
                channel,
                "HL-rules-1",
                new Enterprise(ChannelSamples.HONGDA, "义乌市鸿达小商品有限公司"),
                "330782",
                "厂房消防验收迟迟未办结",
                "至今未收到验收结果。",
                new Contact("王经理", "13905791234"),
                List.of(),
                null,
                details);
    }

    static List<Arguments> cases() {
        Map<String, String> tooMany =
                IntStream.rangeClosed(1, 11).boxed().collect(Collectors.toMap(i -> "detail" + i, i -> "x"));
        return List.of(
                Arguments.of("valid", request("hotline-12345", Map.of("operatorId", "HL-OP-0231")), List.of()),
                Arguments.of("unknown channel", request("fax-machine", Map.of()), List.of("channel")),
                Arguments.of(
                        "a detail key the store would read as a path",
                        request("hotline-12345", Map.of("operator.id", "x")),
                        List.of("channelDetails")),
                Arguments.of(
                        "a detail too long",
                        request("hotline-12345", Map.of("note", "长".repeat(201))),
                        List.of("channelDetails.note")),
                Arguments.of("too many details", request("hotline-12345", tooMany), List.of("channelDetails")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void violations(String why, CanonicalRequest request, List<String> fields) {
        assertThat(RULES.violations(request, NOW))
                .extracting(FieldViolation::field)
                .containsExactlyElementsOf(fields);
    }
}
