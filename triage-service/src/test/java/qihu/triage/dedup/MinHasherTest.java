package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.triage.text.TextAnalyzer;

class MinHasherTest {

    /** Standard deviation of a 64-hash estimate is at most 0.0625; three of them. */
    private static final double ESTIMATE_TOLERANCE = 0.19;

    @Test
    void theSameTextGivesTheSameSignatureEveryTime() {
        String text = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果";
        MinHashSignature once = MinHasher.sign(TextAnalyzer.standard().analyze(text));
        MinHashSignature again = MinHasher.sign(TextAnalyzer.standard().analyze(text));

        assertThat(once).isEqualTo(again);
        assertThat(once.estimatedSimilarity(again)).isEqualTo(1.0);
        for (int band = 0; band < MinHasher.BANDS; band++) {
            assertThat(once.bandKey(band)).isEqualTo(again.bandKey(band));
        }
    }

    @ParameterizedTest(name = "{0} shared of {1}")
    @CsvSource({"0, 100", "25, 100", "50, 100", "75, 100", "100, 100"})
    void estimatesTheJaccardSimilarityOfTheTermSets(int shared, int size) {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            first.add("t" + i);
            second.add(i < shared ? "t" + i : "u" + i);
        }
        double jaccard = (double) shared / (2 * size - shared);

        double estimate = MinHasher.sign(first).estimatedSimilarity(MinHasher.sign(second));

        assertThat(estimate).isCloseTo(jaccard, within(ESTIMATE_TOLERANCE));
    }

    @ParameterizedTest(name = "{0} shared of {1}")
    @CsvSource({"0, 6", "3, 6", "5, 6", "6, 6"})
    void shortTextsFillEveryBinAndStillEstimateTheJaccardSimilarity(int shared, int size) {
        double sum = 0;
        int trials = 200;
        for (int trial = 0; trial < trials; trial++) {
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                first.add("t" + trial + "-" + i);
                second.add(i < shared ? "t" + trial + "-" + i : "u" + trial + "-" + i);
            }
            sum += MinHasher.sign(first).estimatedSimilarity(MinHasher.sign(second));
        }
        double jaccard = (double) shared / (2 * size - shared);

        assertThat(sum / trials).isCloseTo(jaccard, within(0.05));
    }

    @Test
    void aTextWithoutTermsHasAnEmptySignatureSimilarToNothing() {
        MinHashSignature empty = MinHasher.sign(TextAnalyzer.standard().analyze("您好，谢谢！"));

        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.estimatedSimilarity(empty)).isZero();
    }
}
