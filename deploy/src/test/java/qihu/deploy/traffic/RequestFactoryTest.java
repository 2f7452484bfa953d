package qihu.deploy.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestFactoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Enterprise> DIRECTORY = Enterprise.demoDirectory(Path.of(".."));

    @Test
    void readsTheDemoDirectoryIntakeSeedsItselfWith() {
        assertThat(DIRECTORY).hasSizeGreaterThan(20);
        assertThat(DIRECTORY)
                .allSatisfy(e -> assertThat(validUscc(e.uscc())).as(e.uscc()).isTrue());
    }

    @Test
    void generatedEnterprisesHaveValidCreditCodesInJinhuaCounties() {
        RequestFactory factory = new RequestFactory(DIRECTORY, 1.0, 42);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> request = factory.fresh("zheliban", "Z-" + i);
            @SuppressWarnings("unchecked")
            Map<String, String> enterprise = (Map<String, String>) request.get("enterprise");
            assertThat(validUscc(enterprise.get("uscc")))
                    .as(enterprise.get("uscc"))
                    .isTrue();
            assertThat(enterprise.get("uscc").substring(2, 8)).isEqualTo(request.get("regionCode"));
            assertThat(RequestFactory.REGIONS).containsKey((String) request.get("regionCode"));
        }
    }

    @Test
    void requestsAreAboutOneKilobyteAsTheBenchmarkAsks() {
        RequestFactory factory = new RequestFactory(DIRECTORY, 0.5, 7);
        double total = 0;
        for (int i = 0; i < 200; i++) {
            total += JSON.writeValueAsBytes(factory.fresh("hotline-12345", "HL-" + i)).length;
        }
        assertThat(total / 200).isBetween(800.0, 1300.0);
    }

    @Test
    void aReRaisedProblemComesFromTheSameEnterpriseThroughAnotherChannel() {
        RequestFactory factory = new RequestFactory(DIRECTORY, 0.0, 3);
        Map<String, Object> first = factory.fresh("hotline-12345", "HL-1");
        Map<String, Object> again = factory.reRaise("ZLB-1");

        assertThat(again.get("channel")).isNotEqualTo("hotline-12345");
        assertThat(again.get("enterprise")).isEqualTo(first.get("enterprise"));
        assertThat(again.get("content")).isEqualTo(first.get("content"));
        assertThat((String) again.get("title")).startsWith("再次反映");
    }

    /** GB 32100, written out again here so that the factory's own check is not what checks it. */
    private static boolean validUscc(String code) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        if (code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weights[i];
        }
        return alphabet.charAt((31 - sum % 31) % 31) == code.charAt(17)
                && code.getBytes(StandardCharsets.US_ASCII).length == 18;
    }
}
