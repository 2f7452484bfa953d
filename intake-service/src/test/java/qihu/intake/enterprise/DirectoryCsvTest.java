package qihu.intake.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;
import qihu.intake.ChannelSamples;
import qihu.intake.request.Uscc;

class DirectoryCsvTest {

    @Test
    void theBundledDemoDirectoryIsValidAndHoldsTheSamplesEnterprises() throws IOException {
        DirectoryCsv.Parsed parsed;
        try (InputStream in = new ClassPathResource("enterprises-jinhua.csv").getInputStream()) {
            parsed = DirectoryCsv.parse(in);
        }

        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.entries()).hasSizeGreaterThanOrEqualTo(20).allSatisfy(e -> {
            assertThat(Uscc.isValid(e.uscc())).as(e.uscc()).isTrue();
            assertThat(e.regionCode()).startsWith("3307");
        });
        assertThat(parsed.entries().stream().map(DirectoryEntry::normalisedName).distinct())
                .as("names are unique, so each resolves")
                .hasSameSizeAs(parsed.entries());
        assertThat(parsed.entries())
                .extracting(DirectoryEntry::uscc)
                .contains(ChannelSamples.HONGDA, ChannelSamples.MAGNETICS, ChannelSamples.XINSHI);
    }

    @Test
    void badRowsAreLeftOutAndReportedByLineTheRestIsRead() {
        String csv = """
                # a comment
                uscc,name,region_code,industry
                91330782MA2D7QF513,义乌市鸿达小商品有限公司,330782,批发和零售业
                91330782MA2D7QF51X,错误校验码有限公司,330782,制造业
                91330783MA2F808N2X,,330783,制造业
                91330783MA24URA9P8,"东阳市木雕工艺有限公司",东阳,制造业
                91330784MA25P0X216,"永康市五金工具有限公司",330784,"制造业,五金"
                91330782MA2D7QF513,义乌市鸿达小商品有限公司（更名后）,330782,批发和零售业
                """;

        DirectoryCsv.Parsed parsed = DirectoryCsv.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.rejected())
                .hasSize(3)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("line 4:").contains("uscc"),
                        r -> assertThat(r).startsWith("line 5:").contains("name"),
                        r -> assertThat(r).startsWith("line 6:").contains("region_code"));
        assertThat(parsed.entries())
                .extracting(DirectoryEntry::name)
                .containsExactly("义乌市鸿达小商品有限公司（更名后）", "永康市五金工具有限公司");
        assertThat(parsed.entries().get(1).industry()).isEqualTo("制造业,五金");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "义乌市鸿达小商品有限公司, 义乌市鸿达小商品有限公司",
        "' 义乌市 鸿达小商品有限公司　', 义乌市鸿达小商品有限公司",
        "浙江义乌（华贸）电子商务有限公司, 浙江义乌(华贸)电子商务有限公司",
        "ＡＢＣ义乌贸易有限公司, abc义乌贸易有限公司"
    })
    void namesAreComparedAfterNormalising(String written, String normalised) {
        assertThat(EnterpriseNames.normalise(written)).isEqualTo(EnterpriseNames.normalise(normalised));
    }

    @Test
    void aSimilarNameIsNotTheSameName() {
        assertThat(EnterpriseNames.normalise("义乌鸿达小商品有限公司")).isNotEqualTo(EnterpriseNames.normalise("义乌市鸿达小商品有限公司"));
    }
}
