package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

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
}
