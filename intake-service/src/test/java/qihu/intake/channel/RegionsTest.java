package qihu.intake.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

class RegionsTest {

    static final Regions REGIONS = Regions.load(new ClassPathResource("regions.csv"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "330782, 330782",
                "330782001, 330782001",
                "330782000000, 330782",
                "330782001000, 330782001",
                "330782001001, none",
                "义乌市, 330782",
                "义乌, 330782",
                "金华市义乌市, 330782",
                "浙江省金华市义乌市, 330782",
                "金华市, 330700",
                "浙江省金华市, 330700",
                "金华市金东区, 330703",
                "' 东阳市 ', 330783",
                "火星市, none",
                "3307, none"
            })
    void namesAndCodesAsChannelsWriteThem(String written, String code) {
        assertThat(REGIONS.codeOf(written)).isEqualTo(Optional.ofNullable(code));
    }
}
