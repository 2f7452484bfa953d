package qihu.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    // truth A A A B B C, predicted A A B B C C
    private final Evaluation evaluation = Evaluation.of(
            List.of("A", "B", "C"), List.of("A", "A", "A", "B", "B", "C"), List.of("A", "A", "B", "B", "C", "C"));

    @Test
    void computesTheFiguresFromTheConfusionMatrix() {
        assertThat(evaluation.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(evaluation.accuracy()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(evaluation.precision(0)).isEqualTo(1.0);
        assertThat(evaluation.recall(0)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(evaluation.f1(1)).isCloseTo(0.5, within(1e-9));
        assertThat(evaluation.f1(2)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(evaluation.macroF1()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(1e-9));
    }

    @Test
    void theReportHasAccuracyMacroF1PerLabelFiguresAndTheMatrix() {
        assertThat(evaluation.report())
                .contains("accuracy: 0.6667")
                .containsPattern("(?m)^macro-F1: 0\\.6556$")
                .contains("label  precision  recall      F1  support")
                .contains("A         1.0000  0.6667  0.8000        3")
                .contains("confusion matrix")
                .contains("A         2     1     0");
    }
}
