package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest(name = "\"{0}\" = \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                // Chinese and Latin punctuation
                "厂房消防验收迟迟未办结。                 | 厂房消防验收迟迟未办结",
                "请协调，加快办理！！                     | 请协调加快办理",
                "“消防验收”《意见书》「回执」（复印件）   | 消防验收意见书回执复印件",
                "验收意见:未通过;原因?                    | 验收意见，未通过；原因？",
                // full-width and half-width forms, letters folded to lower case
                "ＡＢＣ－１２３号厂房                     | abc-123号厂房",
                "Ｑｉｈｕ企呼我应                         | qihu企呼我应",
            })
    void textsThatDifferOnlyInPunctuationWidthCaseOrWhitespaceAreTheSame(String one, String other) {
        assertThat(TextNormalizer.normalize(one)).isEqualTo(TextNormalizer.normalize(other));
    }

    @Test
    void whitespaceOfEveryKindIsIgnored() {
        String spaced = "厂房\u3000消防\t验收 迟迟\r\n未办结\u00a0 ";

        assertThat(TextNormalizer.normalize(spaced)).isEqualTo(TextNormalizer.normalize("厂房消防验收迟迟未办结"));
    }

    @ParameterizedTest(name = "\"{0}\" ≠ \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "厂房消防验收迟迟未办结 | 厂房环评验收迟迟未办结",
                "2号厂房消防验收       | 3号厂房消防验收",
                "消防验收未办结         | 消防验收已办结",
                "消防验收               | 消防验收迟迟未办结",
            })
    void textsThatSayDifferentThingsStayDifferent(String one, String other) {
        assertThat(TextNormalizer.normalize(one)).isNotEqualTo(TextNormalizer.normalize(other));
    }

    @Test
    void keepsOnlyLettersAndDigits() {
        assertThat(TextNormalizer.normalize(" Ｑｉｈｕ，企呼我应！ No.１２３ ")).isEqualTo("qihu企呼我应no123");
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // punctuation cuts, Chinese or Latin
                "厂房消防验收，迟迟未办结！      | 厂房消防验收/迟迟未办结",
                "验收意见:未通过;原因?           | 验收意见/未通过/原因",
                // whitespace between Chinese characters is a third party's word split, not a cut
                "私人 合法 建设  高层建筑        | 私人合法建设高层建筑",
                "厂房\u3000消防验收              | 厂房消防验收",
                // whitespace and brackets, quotes, name dots never cut; next to Latin letters or digits they separate
                "No. 12 厂房                     | no/12 厂房",
                "ＡＢＣ １２３                    | abc 123",
                "大卫·马查多（副手）说            | 大卫马查多副手说",
                // punctuation between digits separates numbers without cutting the clause
                "比分6:2，增长59.6%              | 比分6 2/增长59 6",
            })
    void clausesAreCutAtPunctuationAndKeepThirdPartyWordSplitsTogether(String text, String expected) {
        assertThat(TextNormalizer.clauses(text)).containsExactly(expected.split("/"));
    }

    @Test
    void aTextWithoutLettersOrDigitsHasNoClauses() {
        assertThat(TextNormalizer.clauses(" ，。！ ")).isEqualTo(List.of());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "我司ＡＢＣ公司，２号厂房：消防验收（未通过）！",
                "Ｈｅｌｌｏ　World 59.6% 《浙里办》「企业」【通知】、。",
                "①号楼 ㈱ ﬁle ½ 〶",
                "line\nbreak\ttab"
            })
    void theCharLoopUnifiesAsNfkcAndLowerCase(String text) {
        assertThat(TextNormalizer.unify(text))
                .isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                        .toLowerCase(java.util.Locale.ROOT));
    }
}
