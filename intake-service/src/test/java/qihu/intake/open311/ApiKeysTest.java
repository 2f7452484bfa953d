package qihu.intake.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qihu.intake.open311.Open311Properties.ServiceBoard;

/** Who an api_key is, and what the configuration must hold. */
class ApiKeysTest {

    static final List<ServiceBoard> BOARDS = List.of(new ServiceBoard("PROJECT", "项目", null, null, null));

    static Open311Properties properties(Map<String, List<String>> keys, List<ServiceBoard> services) {
        return new Open311Properties("qihu.zj.gov.example", "notice", Duration.ofDays(90), 1000, keys, services);
    }

    @Test
    void aKeyNamesItsChannel() {
        ApiKeys keys = new ApiKeys(Map.of(
                "open311", List.of("open311-key-current", "open311-key-next-one"),
                "minqing", List.of("minqing-open311-key")));

        assertThat(keys.channelOf("open311-key-next-one")).contains("open311");
        assertThat(keys.channelOf("minqing-open311-key")).contains("minqing");
        assertThat(keys.channelOf("minqing-open311-ke")).isEmpty();
        assertThat(keys.channelOf(" ")).isEmpty();
        assertThat(keys.channelOf(null)).isEmpty();
    }

    @Test
    void keysAreLongEnoughAndEachBelongsToOneChannel() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(Map.of("open311", List.of("short")), BOARDS))
                .withMessageContaining("at least 16");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(
                        Map.of("open311", List.of("the-same-key-twice"), "minqing", List.of("the-same-key-twice")),
                        BOARDS))
                .withMessageContaining("one channel only");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(
                        Map.of("open311", List.of("k-1-long-enough!", "k-2-long-enough!", "k-3-long-enough!")), BOARDS))
                .withMessageContaining("1 or 2 keys");
    }

    @Test
    void serviceCodesAreStableAsciiAndUnique() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(Map.of(), List.of(new ServiceBoard("项目", "项目", null, null, null))))
                .withMessageContaining("upper-case ASCII");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(Map.of(), List.of(BOARDS.get(0), BOARDS.get(0))))
                .withMessageContaining("listed twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(Map.of(), List.of()))
                .withMessageContaining("at least one service board");
    }
}
