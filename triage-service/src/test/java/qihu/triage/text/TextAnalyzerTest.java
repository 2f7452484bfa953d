package qihu.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextAnalyzerTest {

    private final TextAnalyzer analyzer = TextAnalyzer.standard();

    @Test
    void politenessAndSelfReferenceAreNotTerms() {
        AnalyzedText polite = analyzer.analyze("您好，我司再次反映：厂房消防验收迟迟未办结，盼复，谢谢！");
        AnalyzedText bare = analyzer.analyze("厂房消防验收迟迟未办结");

        assertThat(polite.terms()).isEqualTo(bare.terms());
        assertThat(polite.words()).contains("您好", "我司", "谢谢");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"未", "不", "没有", "已", "无"})
    void negationAndCompletionWordsAreTerms(String word) {
        assertThat(StopWords.standard().isStopWord(word)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"的", "了", "您好", "我司", "请"})
    void fillerWordsAreStopWords(String word) {
        assertThat(StopWords.standard().isStopWord(word)).isTrue();
    }

    @Test
    void finishedAndUnfinishedStayDifferent() {
        assertThat(analyzer.analyze("消防验收未办结").terms())
                .isNotEqualTo(analyzer.analyze("消防验收已办结").terms());
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"2, 出口 口退 退税 海外 外仓", "3, 出口退 口退税 海外仓"})
    void characterNgramsStayInsideClauses(int n, String expected) {
        assertThat(analyzer.analyze("出口退税，海外仓").charNgrams(n)).containsExactly(expected.split(" "));
    }

    @Test
    void aClauseShorterThanTheGramIsOneGram() {
        assertThat(analyzer.analyze("慢，退税").charNgrams(3)).containsExactly("慢", "退税");
    }

    @Test
    void emptyAndNullTextsAnalyseToNothing() {
        assertThat(analyzer.analyze("").isEmpty()).isTrue();
        assertThat(analyzer.analyze(null).isEmpty()).isTrue();
        assertThat(analyzer.analyze("。。。").charNgrams(2)).isEmpty();
    }
}
