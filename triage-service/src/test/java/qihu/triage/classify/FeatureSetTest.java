package qihu.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qihu.triage.text.AnalyzedText;
import qihu.triage.text.TextAnalyzer;

class FeatureSetTest {

    /** Classification hashes features from their parts; training builds their strings: the two must agree. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "我司出口退税申报已经三个月没有到账，资金压力很大，请协调税务部门加快办理。",
                "No. 12 厂房 iPhone 15 屏幕，比分6:2",
                "慢，退税",
                "𠀀𠀁字，扩展B区的字",
                "",
            })
    void hashingTheFeaturesGivesTheHashesOfTheExtractedFeatures(String text) {
        AnalyzedText analyzed = TextAnalyzer.standard().analyze(text);
        for (FeatureSet features : new FeatureSet[] {
            FeatureSet.DEFAULT, new FeatureSet(true, false, 2, 3), new FeatureSet(false, true, 0, 0)
        }) {
            long[] expected = features.extract(analyzed).stream()
                    .mapToLong(FeatureHash::of)
                    .sorted()
                    .toArray();
            long[][] buffer = {new long[0]};
            int count = features.hashes(analyzed, buffer);
            long[] actual = Arrays.copyOf(buffer[0], count);
            Arrays.sort(actual);

            assertThat(actual).as(features.toString()).containsExactly(expected);
        }
    }
}
